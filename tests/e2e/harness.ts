import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, Page, Target } from 'puppeteer';
import { launchExtensionBrowser, removeProfile, stopServiceWorker } from '../../scripts/launch-extension.mjs';
import { startPracticeServer } from '../../scripts/practice-server.mjs';

export const SCREENSHOT_DIR = resolve('artifacts/screenshots');
export const WAIT_MS = 15_000;

/** The fields of a stored journal entry the tests look at. */
export interface JournalEntryRow {
  id: string;
  text: string;
  kind: string;
  siteId?: string;
}

export type PracticeServer = Awaited<ReturnType<typeof startPracticeServer>>;

/** One browser with the practice build of Aftercare loaded, plus the local practice site. */
export class ExtensionHarness {
  private constructor(
    readonly browser: Browser,
    readonly extensionId: string,
    readonly userDataDir: string,
    readonly site: PracticeServer,
  ) {}

  /**
   * A fresh profile is a fresh install, which opens the first-run guide in a tab of its own. Most
   * tests close it first (a tab opening a moment later would push their page into the background);
   * `keepWelcome` leaves it for the tests of the guide itself (tests/e2e/welcome.test.ts).
   */
  static async launch(
    options: {
      userDataDir?: string;
      site?: PracticeServer;
      extraArgs?: string[];
      keepWelcome?: boolean;
    } = {},
  ) {
    const site = options.site ?? (await startPracticeServer());
    // The profile is this harness's to remove when it closes: made for it, or handed on by a
    // harness closed with `keepProfile` (a test starting the browser again on it).
    const launched = await launchExtensionBrowser({
      userDataDir: options.userDataDir,
      keepProfile: true,
      extraArgs: options.extraArgs,
    });
    const profile = launched.userDataDir;
    if (!profile) throw new Error('the browser started with no profile of its own');
    const harness = new ExtensionHarness(launched.browser, launched.extensionId, profile, site);
    if (!options.keepWelcome) {
      // Puppeteer loads the extension afresh on every launch, so a reused profile may see an
      // install (and the guide) again: close the guide whenever it appears.
      const welcomeUrl = harness.extensionUrl('welcome.html');
      const closeWelcome = (target: Target) => {
        // The browser may close (or the guide go) first: nothing left to close then.
        if (target.url() === welcomeUrl)
          void target
            .asPage()
            .then((page) => page.close())
            .catch(() => undefined);
      };
      launched.browser.on('targetcreated', closeWelcome);
      launched.browser.on('targetchanged', closeWelcome);
      launched.browser.targets().forEach(closeWelcome);
      if (!options.userDataDir) {
        // A fresh profile always opens it: wait until it has gone, so no test page loses the front.
        await launched.browser
          .waitForTarget((t) => t.url() === welcomeUrl, { timeout: WAIT_MS })
          .catch(() => undefined);
        const deadline = Date.now() + WAIT_MS;
        while (launched.browser.targets().some((t) => t.url() === welcomeUrl) && Date.now() < deadline)
          await new Promise((resolveWait) => setTimeout(resolveWait, 50));
      }
    }
    return harness;
  }

  extensionUrl(path: string): string {
    return `chrome-extension://${this.extensionId}/${path.replace(/^\//, '')}`;
  }

  async openExtensionPage(path: string): Promise<Page> {
    const page = await this.browser.newPage();
    await page.goto(this.extensionUrl(path), { waitUntil: 'load' });
    return page;
  }

  /** Waits for a page whose URL starts with exactly this extension path (e.g. `reflection.html`). */
  async waitForExtensionPage(path: string, timeout = WAIT_MS): Promise<Page> {
    const prefix = this.extensionUrl(path);
    const target = await this.browser.waitForTarget((t) => t.url().startsWith(prefix), { timeout });
    const page = await target.asPage();
    await page.waitForFunction(() => document.readyState === 'complete', { timeout });
    return page;
  }

  /** Whether this address is one of this extension's check-in pages (built or a shell). */
  isCheckInUrl(url: string): boolean {
    return url.startsWith(this.extensionUrl('')) && isCheckInPath(new URL(url).pathname);
  }

  /** Records every reflection window opened from now on. */
  watchReflectionWindows(): { urls: string[] } {
    const seen = { urls: [] as string[] };
    this.browser.on('targetcreated', (target: Target) => {
      if (this.isCheckInUrl(target.url())) seen.urls.push(target.url());
    });
    return seen;
  }

  /**
   * Stops the MV3 service worker the way the browser does when it is idle, and waits until it has
   * really stopped. Driven from a page's DevTools session (not by attaching to the worker, which
   * would keep a stale target around): `from`, a page left open (the call's), or else an extension
   * page opened for it, whose closing is a tab event that starts the worker again at once.
   */
  async stopServiceWorker(from?: Page): Promise<void> {
    await stopServiceWorker(
      this.browser,
      this.extensionId,
      from ? { page: from, timeoutMs: WAIT_MS } : { pagePath: 'journal.html', timeoutMs: WAIT_MS },
    );
  }

  /**
   * Changes the session-detection settings the way the options page does (written to
   * storage.local from an extension page, validated when the background reads them).
   */
  async updateDetectionSettings(change: Record<string, unknown>): Promise<void> {
    const page = await this.openExtensionPage('popup.html');
    try {
      await page.evaluate(async (detectionChange) => {
        const { settings } = (await chrome.storage.local.get('settings')) as {
          settings?: { detection?: Record<string, unknown> };
        };
        const current = settings ?? {};
        await chrome.storage.local.set({
          settings: { ...current, detection: { ...(current.detection ?? {}), ...detectionChange } },
        });
      }, change);
    } finally {
      await page.close();
    }
  }

  /**
   * Every record of the journal database (entries and drafts), read straight from IndexedDB on an
   * extension page. A database that does not exist is reported, never created. Read from a page
   * that never opens the journal itself: the popup opens it ahead of a click (warm-journal-store).
   */
  async readJournalDb(): Promise<{ exists: boolean; entries: unknown[]; drafts: unknown[] }> {
    const page = await this.openExtensionPage('reach-out.html');
    try {
      return await page.evaluate(async () => {
        const names = (await indexedDB.databases()).map((db) => db.name);
        if (!names.includes('aftercare')) return { exists: false, entries: [], drafts: [] };
        return new Promise<{ exists: boolean; entries: unknown[]; drafts: unknown[] }>((done, fail) => {
          const open = indexedDB.open('aftercare');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const all = (name: string) =>
              new Promise<unknown[]>((resolve, reject) => {
                if (!db.objectStoreNames.contains(name)) return resolve([]);
                const request = db.transaction(name).objectStore(name).getAll();
                request.onsuccess = () => resolve(request.result);
                request.onerror = () => reject(request.error);
              });
            Promise.all([all('journal-entries'), all('drafts')]).then(([entries, drafts]) => {
              db.close();
              done({ exists: true, entries, drafts });
            }, fail);
          };
        });
      });
    } finally {
      await page.close();
    }
  }

  /** The journal's entries as stored. */
  async journalEntriesInDb(): Promise<JournalEntryRow[]> {
    return (await this.readJournalDb()).entries as JournalEntryRow[];
  }

  /** `fullPage: false` takes what the window shows, no more. */
  async screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const path = resolve(SCREENSHOT_DIR, `${name}.png`);
    // The whole page in one window as tall as the page: content drawn only near the window
    // (the journal's entries: content-visibility) is then drawn, as a user scrolling sees it.
    await page.screenshot({ path: path as `${string}.png`, fullPage, captureBeyondViewport: false });
    return path;
  }

  /** `keepProfile`: the next harness starts on this profile (and removes it when it closes). */
  async close({ keepSite = false, keepProfile = false } = {}): Promise<void> {
    await this.browser.close().catch(() => undefined);
    if (!keepProfile) await removeProfile(this.userDataDir);
    if (!keepSite) await this.site.close();
  }
}

/** The practice call site, as a user sees it. */
export class PracticeCallPage {
  constructor(readonly page: Page) {}

  static async openLobby(harness: ExtensionHarness): Promise<PracticeCallPage> {
    const page = await harness.browser.newPage();
    await page.goto(`${harness.site.origin}/`, { waitUntil: 'load' });
    return new PracticeCallPage(page);
  }

  async join(): Promise<void> {
    await Promise.all([this.page.waitForNavigation({ timeout: WAIT_MS }), this.page.click('#join')]);
  }

  async leave(): Promise<void> {
    await Promise.all([this.page.waitForNavigation({ timeout: WAIT_MS }), this.page.click('#leave')]);
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

/**
 * The page the worker opens for a check-in in an English browser with the default wording: the
 * check-in page with its heading already in the HTML (utils/check-in/shell.ts).
 */
/**
 * Waits, on one of the extension's pages, until the worker has recorded `count` sessions in
 * progress: a worker stopped before it wrote a session down has none to end.
 */
export async function waitForSessionsInProgress(page: Page, count = 1): Promise<void> {
  await page.waitForFunction(
    async (n: number) =>
      Object.keys(
        (
          (await chrome.storage.local.get('tracker-state'))['tracker-state'] as
            { active?: object } | undefined
        )?.active ?? {},
      ).length === n,
    { timeout: WAIT_MS, polling: 100 },
    count,
  );
}

export const CHECK_IN_PAGE = 'reflection-en.html';

/** Any of the check-in pages: the one built from source or one of its shells. */
const isCheckInPath = (path: string): boolean => /^\/reflection(-[\w-]+)?\.html/.test(path);

/** The check-in window that opens after a session. */
export class ReflectionWindow {
  constructor(readonly page: Page) {}

  static async waitFor(harness: ExtensionHarness): Promise<ReflectionWindow> {
    const page = await harness.waitForExtensionPage(CHECK_IN_PAGE);
    await page.waitForSelector('#reflection-text', { timeout: WAIT_MS });
    return new ReflectionWindow(page);
  }

  async write(text: string): Promise<void> {
    await this.page.type('#reflection-text', text);
  }

  async save(): Promise<void> {
    await this.page.click('button[type=submit]');
    // The saved state itself, not its words (the check-in tests read those): a proof about storage
    // or the network should not hang on the interface language.
    await this.page.waitForSelector('main[data-saved="saved"]', { timeout: WAIT_MS });
  }

  heading(): Promise<string> {
    return this.page.$eval('h1', (h1) => h1.textContent ?? '');
  }
}
