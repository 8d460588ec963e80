import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { WAIT_MS } from './harness';

export const FIREFOX_PRACTICE_BUILD_DIR = resolve('.output/firefox-mv3-practice');
export const FIREFOX_ADDON_ID = 'aftercare@aftercare.invalid';

/** Firefox (Debian's firefox-esr), or null: the Firefox tests then skip and say why. */
export function findFirefox(): string | null {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path) => existsSync(path)) ?? null;
}

export const NO_FIREFOX_REASON =
  'Firefox not found (set FIREFOX_PATH, or: sudo apt-get install -y firefox-esr); the Firefox journey is skipped.';

/**
 * Firefox with the practice build installed as a temporary add-on, driven over WebDriver BiDi.
 *
 * Two Firefox facts shape this: an add-on's pages live at moz-extension://<uuid>/ with a uuid
 * chosen per profile (the `extensions.webextensions.uuids` pref fixes it up front), and BiDi may
 * not navigate a tab to a moz-extension:// URL, nor does it report the address an extension window
 * loads. So extension pages are opened by the extension itself (tabs.create from one of its pages)
 * and found by asking each page where it is.
 */
export class FirefoxHarness {
  static readonly UUID = '6c0d9a34-3f1e-4b7a-9d1e-0a1b2c3d4e5f';

  private constructor(readonly browser: Browser) {}

  static async launch(executablePath: string): Promise<FirefoxHarness> {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      // No profile of ours: puppeteer makes a temporary one and removes it on close.
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FirefoxHarness.UUID }),
        // An optional permission asked from a real click is then granted without Firefox's
        // doorhanger, which WebDriver cannot click (the test of that click is still real: without
        // a user gesture Firefox refuses the request outright).
        'extensions.webextOptionalPermissionPrompts': false,
      },
      protocolTimeout: 60_000,
    });
    try {
      const id = await browser.installExtension(FIREFOX_PRACTICE_BUILD_DIR);
      if (id !== FIREFOX_ADDON_ID) throw new Error(`installed add-on has id ${id}`);
    } catch (error) {
      await browser.close();
      throw error;
    }
    return new FirefoxHarness(browser);
  }

  extensionUrl(path: string): string {
    return `moz-extension://${FirefoxHarness.UUID}/${path.replace(/^\//, '')}`;
  }

  /** Waits for a page whose real address starts with this extension path. */
  async waitForExtensionPage(path: string, timeout = WAIT_MS): Promise<Page> {
    const prefix = this.extensionUrl(path);
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      for (const page of await this.browser.pages()) {
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href.startsWith(prefix)) {
          await page.waitForFunction(() => document.readyState === 'complete', { timeout });
          return page;
        }
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
    throw new Error(`no page at ${prefix} within ${timeout} ms`);
  }

  /** Opens one of our pages in a new tab, from an extension page that is already open. */
  async openExtensionPageFrom(opener: Page, path: string): Promise<Page> {
    await opener.evaluate(async (url) => {
      const api = (
        globalThis as unknown as { browser: { tabs: { create(o: { url: string }): Promise<unknown> } } }
      ).browser;
      await api.tabs.create({ url });
    }, `/${path}`);
    return this.waitForExtensionPage(path);
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
  }
}
