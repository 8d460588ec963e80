import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extensionPagesCsp, intendedPermissions } from '../../utils/shared/manifest-policy';

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  commands?: Record<string, { description?: string }>;
  content_scripts?: unknown;
  web_accessible_resources?: unknown;
  externally_connectable?: unknown;
  content_security_policy?: { extension_pages?: string };
  browser_specific_settings?: {
    gecko?: { id?: string; data_collection_permissions?: unknown; strict_min_version?: string };
  };
  minimum_chrome_version?: string;
}

const read = (dir: string): Manifest => JSON.parse(readFileSync(`.output/${dir}/manifest.json`, 'utf8'));

const builds = [
  { dir: 'chrome-mv3', browser: 'chrome', mode: 'production' },
  { dir: 'firefox-mv3', browser: 'firefox', mode: 'production' },
  { dir: 'chrome-mv3-practice', browser: 'chrome', mode: 'practice' },
  { dir: 'firefox-mv3-practice', browser: 'firefox', mode: 'practice' },
] as const;

describe.each(builds)('the $browser $mode manifest', ({ dir, browser, mode }) => {
  const manifest = read(dir);
  const intent = intendedPermissions({ browser, mode });

  it('asks for exactly the permissions we mean to ask for', () => {
    expect(manifest.permissions ?? []).toEqual(intent.permissions);
    expect(manifest.host_permissions ?? []).toEqual(intent.hostPermissions);
    expect(manifest.optional_host_permissions ?? []).toEqual(intent.optionalHostPermissions);
    expect(manifest.optional_permissions ?? []).toEqual(intent.optionalPermissions);
  });

  it('may ask for notifications later, from a click, but never up front', () => {
    // Written out by hand, like the required permissions below.
    expect(manifest.optional_permissions).toEqual(['notifications']);
    expect(manifest.permissions ?? []).not.toContain('notifications');
  });

  it('asks for storage, alarms and unlimited storage only, and downloads files without the downloads permission', () => {
    // Written out by hand: a change to manifest-policy.ts alone cannot widen what we ask for.
    expect(manifest.permissions).toEqual(['storage', 'alarms', 'unlimitedStorage']);
    expect(manifest.permissions ?? []).not.toContain('downloads');
  });

  it('never asks for every site, and never exposes anything to web pages', () => {
    const all = JSON.stringify(manifest);
    // Any-host patterns exist only as optional permissions, for custom sites asked one by one.
    for (const pattern of ['https://*/*', 'http://*/*']) {
      expect(manifest.host_permissions ?? []).not.toContain(pattern);
      expect(manifest.optional_host_permissions ?? []).toContain(pattern);
    }
    expect(manifest.permissions ?? []).toContain('alarms');
    expect(manifest.permissions ?? []).not.toContain('notifications');
    expect(all).not.toContain('<all_urls>');
    expect(all).not.toMatch(/"\*:\/\/\*\/\*"/);
    expect(manifest.permissions ?? []).not.toContain('tabs');
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('offers the "I just finished a session" keyboard shortcut', () => {
    expect(manifest.commands?.['finished-session']?.description).toBe('__MSG_detectCommandFinished__');
  });

  it("forbids network connections from the extension's pages", () => {
    const csp = manifest.content_security_policy?.extension_pages ?? '';
    // The one addition the build makes: the check-in shells' stylesheet, by hash (bundle-scan checks it).
    const styleHashes = csp.match(/'sha256-[\w+/=]+'/g) ?? [];
    expect(styleHashes).toHaveLength(1);
    expect(csp).toBe(extensionPagesCsp(styleHashes));
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("script-src 'self';");
  });

  it('carries Firefox-only keys only in the Firefox build', () => {
    if (browser === 'firefox') {
      expect(manifest.browser_specific_settings?.gecko?.id).toBeTruthy();
      expect(manifest.browser_specific_settings?.gecko?.data_collection_permissions).toEqual({
        required: ['none'],
      });
    } else {
      expect(manifest.browser_specific_settings).toBeUndefined();
    }
  });

  it('asks for a browser with its own promise-based `browser` API: Chrome 148, Firefox 140', () => {
    // Written out by hand: the code calls `browser` directly, with no polyfill to fall back on.
    if (browser === 'firefox') {
      expect(manifest.browser_specific_settings?.gecko?.strict_min_version).toBe('140.0');
      expect(manifest.minimum_chrome_version).toBeUndefined();
    } else {
      expect(manifest.minimum_chrome_version).toBe('148');
    }
  });
});

it('production builds are never granted the practice site up front', () => {
  expect(read('chrome-mv3').host_permissions).toBeUndefined();
  expect(read('firefox-mv3').host_permissions).toBeUndefined();
  expect(read('chrome-mv3-practice').host_permissions).toEqual(['http://127.0.0.1/*']);
  expect(read('firefox-mv3-practice').host_permissions).toEqual(['http://127.0.0.1/*']);
});
