import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESET_SITES } from '../../utils/detection/sites';
import { SHELL_ID, checkInShellPath, shellMessageKeys } from '../../utils/check-in/shell';
import { BUNDLED_HELPLINES, FIND_A_HELPLINE_URL } from '../../utils/reach-out/helplines-data';

/**
 * What the built extension may contain, read from the files a browser actually loads. Minified
 * code is scanned with patterns, so every allowance below names the exact third-party code it is
 * for; anything new fails here and has to be looked at.
 */
const BUILDS = ['chrome-mv3', 'firefox-mv3', 'chrome-mv3-practice', 'firefox-mv3-practice'];

function files(dir: string, ext: RegExp): Array<{ path: string; text: string }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && ext.test(entry.name))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path: relative('.output', path), text: readFileSync(path, 'utf8') };
    });
}

function matches(sources: Array<{ path: string; text: string }>, pattern: RegExp): string[] {
  return sources.flatMap(({ path, text }) =>
    [...text.matchAll(new RegExp(pattern.source, 'g'))].map(
      (m) => `${path}: …${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40)}…`,
    ),
  );
}

/** Preact's own `dangerouslySetInnerHTML` support (our source never uses that prop: ESLint bans it). */
const PREACT_INNER_HTML = /\.innerHTML=\w{1,2}\.__html\b/;

/** URLs that appear as text, never loaded: XML namespaces (Preact), WXT's error-message links, our sites. */
const HARMLESS_URLS = [
  /^http:\/\/www\.w3\.org\/(1999\/xhtml|2000\/svg|1998\/Math\/MathML)$/,
  /^https:\/\/github\.com\/wxt-dev\/wxt\/issues\/\d+$/,
  /^https:\/\/wxt\.dev\/guide\/[\w/.-]+$/,
  // The contact-link templates (utils/reach-out/contact-links.ts): opened only from the user's click.
  /^https:\/\/wa\.me\/\$\{/,
  /^https:\/\/t\.me\/\$\{/,
  /^https:\/\/signal\.me\/#p\/\$\{/,
];
/** Links the user may click: helpline sources and the staying-safe card's reporting services. */
const USER_LINKS = new Set([
  FIND_A_HELPLINE_URL,
  ...BUNDLED_HELPLINES.map((helpline) => helpline.source),
  'https://stopncii.org',
  'https://takeitdown.ncmec.org',
]);
/** Every catalogue in `_locales`. */
const CATALOGUES = readdirSync('public/_locales').map(
  (locale) =>
    JSON.parse(readFileSync(join('public/_locales', locale, 'messages.json'), 'utf8')) as Record<
      string,
      { message: string }
    >,
);
/** The check-in page's shells, one per language and wording (utils/check-in/shell.ts). */
const SHELLS = CATALOGUES.flatMap((messages) =>
  [false, true].map((neutral) => ({
    page: checkInShellPath(messages.pageLanguage!.message, neutral).slice(1),
    heading: messages[shellMessageKeys(neutral).heading]!.message,
  })),
);
/** The scripts an extension page loads: its entry and the chunks it preloads (as bench.mjs counts). */
const scriptsOf = (dir: string, page: string) =>
  [...readFileSync(join(dir, page), 'utf8').matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
const PAGES = [
  'journal.html',
  'options.html',
  'popup.html',
  'reach-out.html',
  'reflection.html',
  'welcome.html',
  ...SHELLS.map((shell) => shell.page),
].sort();
const pagesOf = (build: string) =>
  build.endsWith('-practice') ? ['bench-harness.html', 'bench-journal-floor.html', ...PAGES].sort() : PAGES;
const SITE_ORIGINS = new Set(PRESET_SITES.flatMap((site) => site.origins));

describe.each(BUILDS)('the built %s bundle', (build) => {
  const js = files(join('.output', build), /\.js$/);
  const html = files(join('.output', build), /\.html$/);

  it('has scripts to scan (a scan of nothing would prove nothing)', () => {
    expect(js.some((file) => file.path.endsWith('background.js'))).toBe(true);
    expect(html.map((file) => file.path.split('/').pop()).sort()).toEqual(pagesOf(build));
  });

  it('never turns text into code', () => {
    expect(matches(js, /\beval\s*\(/)).toEqual([]);
    expect(matches(js, /\bnew\s+Function\b/)).toEqual([]);
    expect(matches(js, /(?<![\w$.])Function\s*\(/)).toEqual([]);
    expect(matches(js, /\bset(Timeout|Interval)\s*\(\s*[`'"]/)).toEqual([]);
    expect(matches(js, /\bimportScripts\b/)).toEqual([]);
    expect(matches(js, /\bimport\s*\(\s*[`'"]?(https?:)?\/\//)).toEqual([]);
  });

  it('loads only its own scripts, from its own files', () => {
    const scriptTags = html.flatMap(({ text }) => [...text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]));
    expect(scriptTags.length).toBe(pagesOf(build).length);
    for (const tag of scriptTags) expect(tag).toMatch(/\bsrc="\/chunks\/[\w-]+\.js"/);
    // No inline script bodies, no remote stylesheet or preload either.
    expect(matches(html, /<script\b[^>]*>[^<]+<\/script>/)).toEqual([]);
    expect(matches(html, /\b(src|href)="(https?:)?\/\//)).toEqual([]);
  });

  it('sets no markup from strings, apart from Preact’s own dangerouslySetInnerHTML support', () => {
    const assignments = matches(js, /\.(innerHTML|outerHTML)\s*=(?!=)/);
    const preact = matches(js, PREACT_INNER_HTML);
    // Preact is bundled three times: in the pages' shared chunk, and in the popup and the check-in
    // window, each built on its own.
    expect(preact.length).toBeLessThanOrEqual(3);
    expect(assignments.length).toBe(preact.length);
    expect(
      matches(js, /\binsertAdjacentHTML\b|\bdocument\.write(ln)?\b|\bsrcdoc\b|createContextualFragment/),
    ).toEqual([]);
  });

  it('has no network API at all, and no door for other extensions or native apps', () => {
    expect(matches(js, /\bfetch\s*\(/)).toEqual([]);
    expect(
      matches(js, /\bXMLHttpRequest\b|\bWebSocket\b|\bEventSource\b|\bsendBeacon\b|\bRTCPeerConnection\b/),
    ).toEqual([]);
    expect(matches(js, /\bWebTransport\b|\.(connectNative|sendNativeMessage)\s*\(/)).toEqual([]);
    expect(matches(js, /onMessageExternal\.addListener|onConnectExternal\.addListener/)).toEqual([]);
  });

  it('the check-in window loads no crypto, site list or settings validator until it needs them', () => {
    const dir = join('.output', build);
    const read = (file: string) => readFileSync(join(dir, file), 'utf8');
    // What the window loads as it opens: its entry and every chunk it preloads.
    const loaded = [...new Set(scriptsOf(dir, 'reflection.html'))];
    // Everything it can reach, following static and dynamic imports.
    const reachable = new Set(loaded);
    for (const file of reachable) {
      const base = file.slice(0, file.lastIndexOf('/') + 1);
      for (const m of read(file).matchAll(/(?:from\s*|import\s*\(\s*)[`'"]\.\/([\w.-]+\.js)[`'"]/g)) {
        reachable.add(base + m[1]);
      }
    }
    const anyOf = (files: Iterable<string>, pattern: RegExp) =>
      [...files].filter((file) => pattern.test(read(file)));
    const crypto = /PBKDF2|AES-GCM|ECDH/;
    const siteList = /meet\.google\.com/;
    const settingsValidator = /quietHours/;
    expect(loaded.length).toBeGreaterThan(0);
    expect(anyOf(loaded, crypto)).toEqual([]);
    expect(anyOf(loaded, siteList)).toEqual([]);
    expect(anyOf(loaded, settingsValidator)).toEqual([]);
    // …and yet the lock still works there: its crypto is one import away (the scan can see it).
    expect(anyOf(reachable, crypto).length).toBeGreaterThan(0);
  });

  it('the popup is one script, with no Preact hooks in it', () => {
    const dir = join('.output', build);
    const scripts = scriptsOf(dir, 'popup.html');
    expect(scripts).toHaveLength(1);
    const popup = readFileSync(join(dir, scripts[0]!), 'utf8');
    expect(popup).not.toMatch(/from\s*[`'"]\.\//);
    // Preact keeps a component's hook list under `__H`: a class component needs none of it.
    expect(popup).toContain('setState');
    expect(popup).not.toContain('__H');
  });

  it('the check-in window is built on its own: no other page loads its scripts', () => {
    const dir = join('.output', build);
    const checkIn = scriptsOf(dir, 'reflection.html');
    expect(checkIn.length).toBeGreaterThan(0);
    const shells = SHELLS.map((shell) => shell.page);
    const others = pagesOf(build)
      .filter((page) => page !== 'reflection.html' && !shells.includes(page))
      .flatMap((page) => scriptsOf(dir, page));
    expect(others.length).toBeGreaterThan(0);
    expect(checkIn.filter((script) => others.includes(script))).toEqual([]);
  });

  it('has a check-in shell for every language and wording, painting its heading from HTML alone', () => {
    const dir = join('.output', build);
    const read = (file: string) => readFileSync(join(dir, file), 'utf8');
    const csp = (
      JSON.parse(read('manifest.json')) as { content_security_policy: { extension_pages: string } }
    ).content_security_policy.extension_pages;
    const styleSrc = csp.split('; ').find((directive) => directive.startsWith('style-src '))!;
    // Only the shells carry an inline stylesheet, and the policy allows exactly it, by its hash.
    const styled = html.filter((file) => /<style>/.test(file.text)).map((file) => file.path.split('/').pop());
    expect(styled.sort()).toEqual(SHELLS.map((shell) => shell.page).sort());
    const hashes = new Set<string>();
    for (const { page, heading } of SHELLS) {
      const text = read(page);
      const css = /<style>([\s\S]*?)<\/style>/.exec(text)![1]!;
      hashes.add(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
      expect(text).not.toMatch(/<link rel="stylesheet"/);
      expect(text).toContain(
        `<main id="${SHELL_ID}" class="reflection" aria-busy="true"><h1>${heading}</h1>`,
      );
      expect(scriptsOf(dir, page)).toEqual(scriptsOf(dir, 'reflection.html'));
    }
    expect(styleSrc).toBe(`style-src 'self' ${[...hashes].join(' ')}`);
  });

  it('carries no webextension-polyfill, no CommonJS runtime and none of @wxt-dev/storage', () => {
    // Every browser the manifests allow has the promise-based `browser` API itself (wxt.config.ts).
    expect(matches(js, /This script should only be loaded in a browser extension/)).toEqual([]);
    // …and the code still reaches it, through `wxt/browser`.
    expect(matches(js, /globalThis\.browser\?\.runtime\?\.id/).length).toBeGreaterThan(0);
    // The bundler's `__commonJS` wrapper, which a UMD dependency would bring back.
    expect(matches(js, /\(\w=\{exports:\{\}\}\)\.exports/)).toEqual([]);
    // Pulled in by WXT's auto-import plugin, which guessed from a parameter's name.
    expect(matches(js, /@wxt-dev\/storage|@wxt-dev\/browser/)).toEqual([]);
  });

  it('mentions no web address except known harmless ones and the sites it watches', () => {
    const urls = js.flatMap(({ text }) => [...text.matchAll(/https?:\/\/[^\s`'"\\)]+/g)].map((m) => m[0]));
    const unexpected = urls.filter(
      (url) =>
        !HARMLESS_URLS.some((allowed) => allowed.test(url)) &&
        !USER_LINKS.has(url) &&
        !SITE_ORIGINS.has(url.replace(/\/\*?$/, '')),
    );
    expect(unexpected).toEqual([]);
  });
});
