import { defineConfig } from 'wxt';
import type { PluginOption } from 'vite';
import preact from '@preact/preset-vite';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionPagesCsp, intendedPermissions } from './utils/shared/manifest-policy';
import { checkInShellPath, renderCheckInShell, stylesheetPath } from './utils/check-in/shell';

/** `plugins` without the one named `name`, however deeply Vite's plugin lists are nested. */
function withoutPlugin(plugins: PluginOption[], name: string): PluginOption[] {
  return plugins
    .map((plugin) => (Array.isArray(plugin) ? withoutPlugin(plugin, name) : plugin))
    .filter((plugin) => !(plugin && typeof plugin === 'object' && 'name' in plugin && plugin.name === name));
}

/** Pages built on their own rather than in the pages' shared build (see `entrypoints:grouped`). */
const BUILT_ALONE = ['popup', 'reflection'];

/**
 * What the journal page runs before its first paint, and shares with the other pages of the
 * shared build (options, welcome, reach out): one chunk, so the journal loads two scripts rather
 * than six. Left to itself the bundler splits shared code by which pages use each part, and every
 * split is one more request to the extension's files before the page can run. Taking turns, the
 * journal painted its first 50 entries 4 to 12 ms sooner in two files than in six. A module left
 * out of this list only costs a request: tests/e2e/journal-first-paint.test.ts counts the files,
 * and keeps the lock's crypto, the charts and the import/export code out of them.
 */
const PAGE_BASE_MODULES = [
  '/node_modules/preact/',
  '/node_modules/idb/',
  '/node_modules/@wxt-dev/browser/',
  '/node_modules/wxt/dist/browser',
  'vite/preload-helper',
  'virtual:wxt',
  '/components/shared/theme.css',
  '/components/journal/journal.css',
  '/components/lock/lock.css',
  ...[
    'shared/i18n',
    'shared/storage-item',
    'shared/storage-items',
    'detection/sites',
    'detection/site-names',
    'detection/session-tracker',
    'journal/db',
    'lock/meta',
    'lock/auto-lock',
    'journal/search',
  ].map((name) => `/utils/${name}.ts`),
];

// The manifest is built from one policy module so that the manifest test can compare the
// built manifests against exactly the same intent (tests/e2e/manifest.test.ts).
export default defineConfig({
  // Explicit imports everywhere: a reader can follow every name to its file.
  imports: false,
  // No webextension-polyfill: `browser` from `wxt/browser` is the browser's own, promise-based API.
  // Every browser the manifests allow has it (Firefox always, Chrome from 148: minimum_chrome_version),
  // and there the polyfill only handed back `globalThis.browser`, after 2.9 kB gzipped in every page
  // and the worker. https://developer.chrome.com/docs/extensions/develop/concepts/browser-namespace
  vite: () => ({
    plugins: [preact()],
    // Every browser we support preloads modules natively; Vite's polyfill would be the one `fetch`
    // in our bundles (tests/e2e/bundle-scan.test.ts proves there is none).
    build: { modulePreload: { polyfill: false } },
  }),
  hooks: {
    // `imports: false` leaves WXT's auto-import plugin in the build (WXT 0.21), and that plugin
    // guesses by name: a parameter called `storage` pulled all of @wxt-dev/storage into the journal
    // and the options page. Without the plugin, every import is one a reader can see.
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      viteConfig.plugins = withoutPlugin(viteConfig.plugins ?? [], 'unimport');
      // The pages' shared build (the one with the journal): see PAGE_BASE_MODULES.
      const output = viteConfig.build?.rollupOptions?.output;
      if (
        entrypoints.some((entrypoint) => entrypoint.name === 'journal') &&
        output &&
        !Array.isArray(output)
      ) {
        const test = (id: string) => PAGE_BASE_MODULES.some((part) => id.includes(part));
        Object.assign(output, { codeSplitting: { groups: [{ name: 'page-base', test }] } });
      }
    },
    // The toolbar popup and the check-in window are built on their own: the shared build would load
    // each in six to eight files, each with its own import glue and compression overhead, and the
    // check-in window is the page timed from the moment a call ends (budgets in `npm run bench`).
    'entrypoints:grouped': (_wxt, groups) => {
      for (const [index, group] of groups.entries()) {
        if (!Array.isArray(group) || group.length < 2) continue;
        const alone = group.filter((entrypoint) => BUILT_ALONE.includes(entrypoint.name));
        if (!alone.length) continue;
        groups[index] = group.filter((entrypoint) => !alone.includes(entrypoint));
        groups.push(...alone.map((entrypoint) => [entrypoint]));
        return;
      }
    },
    // The check-in window's pages that paint from their HTML alone, one per language and wording
    // (utils/check-in/shell.ts), written beside the built page before the manifest is; the manifest
    // then allows their one inline stylesheet by its hash. Every entrypoint is built by now.
    // (`wxt dev` serves styles from its dev server and gets no shells: `npm start` builds.)
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.command !== 'build') return;
      const outDir = wxt.config.outDir;
      const page = readFileSync(join(outDir, 'reflection.html'), 'utf8');
      const css = readFileSync(join(outDir, stylesheetPath(page)), 'utf8');
      const localesDir = join(wxt.config.publicDir, '_locales');
      for (const locale of readdirSync(localesDir)) {
        const catalogue = JSON.parse(readFileSync(join(localesDir, locale, 'messages.json'), 'utf8'));
        for (const neutral of [false, true]) {
          const path = checkInShellPath(catalogue.pageLanguage.message, neutral);
          writeFileSync(join(outDir, path), renderCheckInShell(page, css, catalogue, neutral));
        }
      }
      const hash = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
      manifest.content_security_policy = { extension_pages: extensionPagesCsp([hash]) };
    },
    // The benchmark's pages (`bench-*`) ship only in the practice builds (npm start, tests, bench).
    'entrypoints:resolved': (wxt, entrypoints) => {
      if (wxt.config.mode === 'practice') return;
      for (let index = entrypoints.length - 1; index >= 0; index--)
        if (entrypoints[index]!.name.startsWith('bench-')) entrypoints.splice(index, 1);
    },
  },
  zip: {
    // Store reviewers get what builds the extension, not our tests, benchmarks, pictures or logs
    // (tests/e2e/release.test.ts lists the sources zip).
    excludeSources: [
      'tests/**',
      'bench/**',
      'artifacts/**',
      '**/*.log',
      '.output/**',
      'vitest*.config.ts',
      'scripts/test.mjs',
      'scripts/bench.mjs',
      'docs/**',
      'store/**',
    ],
  },
  manifest: ({ browser, mode }) => {
    const policy = intendedPermissions({ browser, mode });
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      permissions: policy.permissions,
      optional_host_permissions: policy.optionalHostPermissions,
      optional_permissions: policy.optionalPermissions,
      ...(policy.hostPermissions.length ? { host_permissions: policy.hostPermissions } : {}),
      content_security_policy: { extension_pages: extensionPagesCsp() },
      // The toolbar icon at every size browsers ask for (16 and 32 for the toolbar, 48 for menus).
      action: {
        default_title: '__MSG_extName__',
        default_icon: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png' },
      },
      // Keyboard shortcuts; people can change the keys in the browser's shortcut settings.
      commands: {
        // "I just finished a session" (utils/detection/session-watcher.ts).
        'finished-session': {
          suggested_key: { default: 'Alt+Shift+F' },
          description: '__MSG_detectCommandFinished__',
        },
        // One keypress to the first trusted contact (utils/reach-out/reach-out-command.ts).
        'message-first-contact': {
          suggested_key: { default: 'Alt+Shift+M' },
          description: '__MSG_reachOutCommand__',
        },
      },
      ...(browser === 'chrome' ? { minimum_chrome_version: policy.chromeMinVersion } : {}),
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko: {
                id: 'aftercare@aftercare.invalid',
                strict_min_version: policy.firefoxMinVersion,
                data_collection_permissions: { required: ['none'] },
              },
              // Firefox for Android reads data_collection_permissions from 142 on (web-ext lint).
              gecko_android: { strict_min_version: '142.0' },
            },
          }
        : {}),
    };
  },
});
