import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startPracticeServer } from '../../scripts/practice-server.mjs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CHECK_IN_PAGE, SCREENSHOT_DIR, WAIT_MS, type PracticeServer } from './harness';
import { FirefoxHarness, NO_FIREFOX_REASON, findFirefox } from './firefox-harness';
import { waitForDraft } from './reflection-helpers';

const firefox = findFirefox();
if (!firefox) console.warn(`\n⚠ ${NO_FIREFOX_REASON}\n`);

describe.skipIf(!firefox)('in Firefox (firefox-esr over WebDriver BiDi)', () => {
  let site: PracticeServer;
  let harness: FirefoxHarness;

  /** The extension's own `browser` API, from one of its pages. */
  type ExtensionApi = {
    permissions: {
      contains(p: { origins?: string[]; permissions?: string[] }): Promise<boolean>;
      remove(p: { origins?: string[]; permissions?: string[] }): Promise<boolean>;
    };
    storage: {
      local: {
        get(key: string): Promise<Record<string, unknown>>;
        set(items: Record<string, unknown>): Promise<void>;
      };
    };
    notifications?: {
      onShown: { addListener(listener: (id: string) => void): void };
      onClosed: { addListener(listener: (id: string) => void): void };
    };
    runtime: { sendMessage(message: unknown): Promise<unknown> };
  };
  // Written out inside each page.evaluate: those functions run in the page, without our scope.

  /** Joins the practice call and leaves it: the "you left" page ends a session at once. */
  async function practiceCall(): Promise<Page> {
    const call = await harness.browser.newPage();
    await call.goto(`${site.origin}/`, { waitUntil: 'load' });
    await Promise.all([call.waitForNavigation({ timeout: WAIT_MS }), call.click('#join')]);
    await Promise.all([call.waitForNavigation({ timeout: WAIT_MS }), call.click('#leave')]);
    return call;
  }

  /** A page of ours, not open before `pagesBefore` was taken, whose address passes `test`. */
  async function newExtensionPage(pagesBefore: Page[], test: (href: string) => boolean): Promise<Page> {
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      for (const page of await harness.browser.pages()) {
        if (pagesBefore.includes(page)) continue;
        if (test(await page.evaluate(() => location.href).catch(() => ''))) return page;
      }
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
    throw new Error(`no new page like that within ${WAIT_MS} ms`);
  }

  /** A check-in window about a session, opened after `pagesBefore` was taken. */
  const newCheckInPage = (pagesBefore: Page[]) =>
    newExtensionPage(pagesBefore, (href) =>
      href.startsWith(harness.extensionUrl(`${CHECK_IN_PAGE}?session=`)),
    );

  /** Every check-in page open now whose address names a session. */
  async function sessionCheckInPages(pagesBefore: Page[]): Promise<string[]> {
    const prefix = harness.extensionUrl(`${CHECK_IN_PAGE}?session=`);
    const pages = (await harness.browser.pages()).filter((page) => !pagesBefore.includes(page));
    const hrefs = await Promise.all(pages.map((page) => page.evaluate(() => location.href).catch(() => '')));
    return hrefs.filter((href) => href.startsWith(prefix));
  }

  const checkInCount = (page: Page) =>
    page.evaluate(
      async (key) =>
        Object.keys(
          ((await (globalThis as unknown as { browser: ExtensionApi }).browser.storage.local.get(key))[key] ??
            {}) as object,
        ).length,
      'check-ins',
    );

  const practiceRowState = (options: Page) =>
    options.$eval('[data-site-id="practice"] .site-state', (state) => state.textContent);

  /** One of our pages, kept open: WebDriver BiDi cannot open moz-extension:// pages itself. */
  let opener: Page;

  beforeAll(async () => {
    site = await startPracticeServer();
    harness = await FirefoxHarness.launch(firefox!);
    // The first call of a fresh profile opens a check-in window: from it, open a page of ours to
    // keep, and turn the cooldown off so that every test's call may open its own window.
    const call = await practiceCall();
    const first = await harness.waitForExtensionPage(`${CHECK_IN_PAGE}?session=`);
    opener = await harness.openExtensionPageFrom(first, 'popup.html');
    await Promise.all([first.close(), call.close()]);
    await opener.evaluate(async () => {
      const { storage } = (globalThis as unknown as { browser: ExtensionApi }).browser;
      const { settings } = (await storage.local.get('settings')) as {
        settings?: { detection?: Record<string, unknown> };
      };
      await storage.local.set({
        settings: { ...settings, detection: { ...settings?.detection, cooldownMinutes: 0 } },
      });
    });
  });
  afterAll(async () => {
    await harness?.close();
    await site?.close();
  });

  it('a call that ends opens the check-in window, and what I write is saved to my journal', async () => {
    const call = await harness.browser.newPage();
    await call.goto(`${site.origin}/`, { waitUntil: 'load' });
    await Promise.all([call.waitForNavigation({ timeout: WAIT_MS }), call.click('#join')]);
    // The "you left the call" page ends a session at once (closing the tab waits out the drop
    // grace period, a minute by default).
    await Promise.all([call.waitForNavigation({ timeout: WAIT_MS }), call.click('#leave')]);

    const reflection = await harness.waitForExtensionPage(`${CHECK_IN_PAGE}?session=`);
    await reflection.waitForSelector('#reflection-text', { timeout: WAIT_MS });
    expect(await reflection.$eval('main', (main) => main.textContent)).toContain('Practice call');
    // The page's one stylesheet is inline, allowed by its hash: Firefox applies it too. The words
    // the HTML painted first have given way to the app's.
    expect(await reflection.$eval('main', (main) => getComputedStyle(main).maxWidth)).toBe('640px');
    expect(await reflection.$$eval('h1', (headings) => headings.length)).toBe(1);
    expect(await reflection.$('#check-in-shell')).toBeNull();
    // The practice build is granted the local site up front in Firefox too; production never is.
    const origins = await reflection.evaluate(async () => {
      const api = (
        globalThis as unknown as { browser: { permissions: { getAll(): Promise<{ origins?: string[] }> } } }
      ).browser;
      return (await api.permissions.getAll()).origins ?? [];
    });
    expect(origins).toContain('http://127.0.0.1/*');

    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await reflection.screenshot({ path: join(SCREENSHOT_DIR, 'firefox-reflection.png') as `${string}.png` });
    await reflection.type('#reflection-text', 'Firefox keeps it too. 🦊');
    await reflection.click('button[type=submit]');
    await reflection.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Saved'), {
      timeout: WAIT_MS,
    });

    const journal = await harness.openExtensionPageFrom(reflection, 'journal.html');
    await journal.waitForSelector('.journal-entry .entry-text', { timeout: WAIT_MS });
    await journal.screenshot({ path: join(SCREENSHOT_DIR, 'firefox-journal.png') as `${string}.png` });
    expect(
      await journal.$$eval('.journal-entry .entry-text', (nodes) => nodes.map((n) => n.textContent)),
    ).toEqual(['Firefox keeps it too. 🦊']);
  });

  it('with the site access taken away, a call ends without a word; given back from my click, it is watched again', async () => {
    // Firefox, unlike Chrome, lets an add-on give back even the access its manifest lists, so the
    // practice build's grant of 127.0.0.1 can really be taken away here.
    const pagesBefore = await harness.browser.pages();
    const control = await practiceCall();
    const reflection = await newCheckInPage(pagesBefore);
    const before = await checkInCount(reflection);
    expect(before).toBeGreaterThanOrEqual(1);
    await Promise.all([reflection.close(), control.close()]);

    // A call starts while the site is watched; then its access is taken away, mid-call.
    const pagesBeforeRevoked = await harness.browser.pages();
    const revokedCall = await harness.browser.newPage();
    await revokedCall.goto(`${site.origin}/`, { waitUntil: 'load' });
    await Promise.all([revokedCall.waitForNavigation({ timeout: WAIT_MS }), revokedCall.click('#join')]);
    await opener.waitForFunction(
      async () => {
        const { storage } = (globalThis as unknown as { browser: ExtensionApi }).browser;
        const state = (await storage.local.get('tracker-state'))['tracker-state'] as { active?: object };
        return Object.keys(state?.active ?? {}).length === 1;
      },
      { timeout: WAIT_MS, polling: 100 },
    );
    const removed = await opener.evaluate(() =>
      (globalThis as unknown as { browser: ExtensionApi }).browser.permissions.remove({
        origins: ['http://127.0.0.1/*'],
      }),
    );
    expect(removed).toBe(true);
    const options = await harness.openExtensionPageFrom(opener, 'options.html');
    await options.waitForFunction(
      () =>
        document.querySelector('[data-site-id="practice"]')?.getAttribute('data-access') === 'not-allowed',
      { timeout: WAIT_MS },
    );
    expect(await practiceRowState(options)).toBe('Not watching');
    await options.screenshot({
      path: join(SCREENSHOT_DIR, 'firefox-options-site-not-watching.png') as `${string}.png`,
    });

    await Promise.all([revokedCall.waitForNavigation({ timeout: WAIT_MS }), revokedCall.click('#leave')]);
    // Events are handled one at a time, in order: once "I just finished a session" has opened its
    // window, the call above was decided. Had the call still been watched, that window would be
    // about it (reflection-en.html?session=...) and a check-in would be stored for it.
    await options.evaluate(() =>
      (globalThis as unknown as { browser: ExtensionApi }).browser.runtime.sendMessage({
        type: 'page:finished-session',
      }),
    );
    const manual = await newExtensionPage(
      pagesBeforeRevoked,
      (href) => href === harness.extensionUrl(CHECK_IN_PAGE),
    );
    await manual.close();
    expect(await sessionCheckInPages(pagesBeforeRevoked)).toEqual([]);
    expect(await checkInCount(options)).toBe(before);
    expect(
      await options.evaluate(async () => {
        const { storage } = (globalThis as unknown as { browser: ExtensionApi }).browser;
        const state = (await storage.local.get('tracker-state'))['tracker-state'] as {
          active: object;
          pendingEnds: object;
        };
        return [Object.keys(state.active).length, Object.keys(state.pendingEnds).length];
      }),
    ).toEqual([0, 0]);
    await revokedCall.close();

    await options.click('[data-site-id="practice"] button.allow');
    await options.waitForFunction(
      () => document.querySelector('[data-site-id="practice"]')?.getAttribute('data-access') === 'allowed',
      { timeout: WAIT_MS },
    );
    expect(await practiceRowState(options)).toBe('Watching');
    const pagesBeforeAgain = await harness.browser.pages();
    const watchedAgain = await practiceCall();
    const again = await newCheckInPage(pagesBeforeAgain);
    expect(await checkInCount(again)).toBe(before + 1);
    await Promise.all([again.close(), watchedAgain.close(), options.close()]);
  });

  it('a quiet notification, allowed from my click, offers the check-in instead of a window', async () => {
    const options = await harness.openExtensionPageFrom(opener, 'options.html');
    expect(
      await options.evaluate(() =>
        (globalThis as unknown as { browser: ExtensionApi }).browser.permissions.contains({
          permissions: ['notifications'],
        }),
      ),
    ).toBe(false);

    await options.click('input[name="ask-mode"][value="notification"]');
    await options.waitForFunction(
      async () =>
        (
          (await (globalThis as unknown as { browser: ExtensionApi }).browser.storage.local.get('settings'))
            .settings as { detection: { askMode: string } }
        )?.detection.askMode === 'notification',
      { timeout: WAIT_MS, polling: 100 },
    );
    expect(
      await options.evaluate(() =>
        (globalThis as unknown as { browser: ExtensionApi }).browser.permissions.contains({
          permissions: ['notifications'],
        }),
      ),
    ).toBe(true);

    // Headless Firefox has nowhere to show a notification and closes it at once, so a listener on
    // this page records it as it closes (or shows, on a machine with a desktop). Its words and
    // what a click on it does are proven in tests/unit/check-in/notification.test.ts.
    await options.evaluate(() => {
      const page = globalThis as unknown as { browser: ExtensionApi; notificationIds: string[] };
      page.notificationIds = [];
      const record = (id: string) => void page.notificationIds.push(id);
      page.browser.notifications?.onShown.addListener(record);
      page.browser.notifications?.onClosed.addListener(record);
    });
    const before = await checkInCount(options);
    const pagesBefore = await harness.browser.pages();
    const call = await practiceCall();
    await options.waitForFunction(
      () =>
        (globalThis as unknown as { notificationIds: string[] }).notificationIds.some((id) =>
          id.startsWith('aftercare-check-in:'),
        ),
      { timeout: WAIT_MS, polling: 100 },
    );
    const ids = [
      ...new Set(
        await options.evaluate(
          () => (globalThis as unknown as { notificationIds: string[] }).notificationIds,
        ),
      ),
    ];
    expect(ids).toHaveLength(1);
    const sessionId = ids[0]!.slice('aftercare-check-in:'.length);
    const checkIn = await options.evaluate(
      async (id) =>
        (
          (await (globalThis as unknown as { browser: ExtensionApi }).browser.storage.local.get('check-ins'))[
            'check-ins'
          ] as Record<string, unknown>
        )[id],
      sessionId,
    );
    expect(checkIn).toMatchObject({
      status: 'waiting',
      session: { siteId: 'practice', reason: 'ended-page' },
    });
    expect(await checkInCount(options)).toBe(before + 1);
    expect(await sessionCheckInPages(pagesBefore)).toEqual([]);
    await call.close();

    // Choosing another way gives the permission back.
    await options.click('input[name="ask-mode"][value="window"]');
    await options.waitForFunction(
      async () =>
        !(await (globalThis as unknown as { browser: ExtensionApi }).browser.permissions.contains({
          permissions: ['notifications'],
        })),
      { timeout: WAIT_MS, polling: 100 },
    );
    await options.close();
  });

  it('a check-in window closed with words unsaved waits in the popup in Firefox too', async () => {
    const pagesBefore = await harness.browser.pages();
    const call = await practiceCall();
    const reflection = await newCheckInPage(pagesBefore);
    await reflection.waitForSelector('#reflection-text', { timeout: WAIT_MS });
    await reflection.type('#reflection-text', 'Not finished yet');
    const sessionId = new URL(await reflection.evaluate(() => location.href)).searchParams.get('session');
    // The draft is on disk, and the background has noted the window (a second after it opened).
    await waitForDraft(reflection, 'Not finished yet', `session:${sessionId}`);
    await reflection.waitForFunction(
      async (id) => {
        const { storage } = (
          globalThis as unknown as {
            browser: { storage: { session: { get(key: null): Promise<Record<string, unknown>> } } };
          }
        ).browser;
        // This window, noted as about this session (not one closed earlier).
        return Object.values(await storage.session.get(null)).includes(id);
      },
      { timeout: WAIT_MS, polling: 200 },
      sessionId,
    );
    await Promise.all([reflection.close(), call.close()]);

    await opener.waitForFunction(
      async (id) => {
        const { storage } = (globalThis as unknown as { browser: ExtensionApi }).browser;
        const checkIns = (await storage.local.get('check-ins'))['check-ins'] as Record<
          string,
          { status: string }
        >;
        return checkIns[id!]?.status === 'waiting';
      },
      { timeout: WAIT_MS, polling: 100 },
      sessionId,
    );
    // A popup opened now lists it (the address differs from the kept page's only by its query).
    const popup = await harness.openExtensionPageFrom(opener, 'popup.html?again');
    await popup.waitForSelector('#later-check-ins li', { timeout: WAIT_MS });
    expect(await popup.$eval('#later-check-ins', (list) => list.textContent)).toContain('Practice call');
    // Let it go again (the newest is first), so that the tests after this one find it gone.
    const waiting = await popup.$$eval('#later-check-ins li', (items) => items.length);
    await popup.click('#later-check-ins li .let-go');
    await popup.waitForFunction(
      (before) => document.querySelectorAll('#later-check-ins li').length === before - 1,
      { timeout: WAIT_MS },
      waiting,
    );
    await popup.close();
  });

  // Its own waits allow the unlock up to 60 s (PBKDF2 in Firefox, on a busy machine): the test as a
  // whole gets room for that. No retry: a second attempt would find the lock already on, and fail
  // on that rather than on what went wrong.
  it(
    'the passphrase lock holds in Firefox too: nothing readable at rest, a wrong passphrase opens nothing, the right one does',
    { timeout: 120_000, retry: 0 },
    async () => {
      const passphrase = 'lanterns over the lake';
      const secret = 'A quiet quince evening';
      /** Every journal entry as stored, read straight from IndexedDB by one of our pages. */
      const storedEntries = (page: Page) =>
        page.evaluate(
          () =>
            new Promise<string>((resolveRead, rejectRead) => {
              const open = indexedDB.open('aftercare');
              open.onerror = () => rejectRead(open.error);
              open.onsuccess = () => {
                const read = open.result
                  .transaction('journal-entries')
                  .objectStore('journal-entries')
                  .getAll();
                read.onsuccess = () => {
                  open.result.close();
                  resolveRead(JSON.stringify(read.result));
                };
                read.onerror = () => rejectRead(read.error);
              };
            }),
        );

      const options = await harness.openExtensionPageFrom(opener, 'options.html');
      await options.waitForSelector('#lock-on-form', { timeout: WAIT_MS });
      await options.type('#lock-new', passphrase);
      await options.type('#lock-new-repeat', passphrase);
      await options.click('#lock-understood');
      await options.click('#lock-turn-on');
      await options.waitForFunction(
        () => document.querySelector('#lock-message')?.textContent?.includes('stored encrypted'),
        { timeout: 60_000, polling: 200 },
      );
      await options.click('#lock-now-options');
      await options.waitForFunction(
        () => document.querySelector('#lock-status')?.textContent?.includes('is locked'),
        { timeout: WAIT_MS, polling: 100 },
      );

      // Locked, a call that ends still offers a check-in, and what is written is sealed on save.
      const pagesBefore = await harness.browser.pages();
      const call = await practiceCall();
      const reflection = await newCheckInPage(pagesBefore);
      await reflection.waitForSelector('#lock-check-in-note', { timeout: WAIT_MS });
      await reflection.type('#reflection-text', secret);
      await reflection.click('button[type=submit]');
      await reflection.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Saved'), {
        timeout: WAIT_MS,
      });
      await Promise.all([reflection.close(), call.close()]);
      const atRest = await storedEntries(options);
      expect(atRest).toContain('sealed');
      expect(atRest).not.toContain('quince');
      expect(atRest).not.toContain('Firefox keeps');

      const journal = await harness.openExtensionPageFrom(opener, 'journal.html');
      await journal.waitForSelector('#unlock-passphrase', { timeout: WAIT_MS });
      await journal.type('#unlock-passphrase', 'lanterns over the lakes');
      await journal.click('#unlock-submit');
      await journal.waitForFunction(
        () => document.querySelector('#unlock-message')?.textContent?.includes("doesn't open your journal"),
        { timeout: 60_000, polling: 200 },
      );
      expect(await journal.evaluate(() => document.body.innerText)).not.toContain('quince');

      await journal.$eval('#unlock-passphrase', (input) => ((input as HTMLInputElement).value = ''));
      await journal.type('#unlock-passphrase', passphrase);
      await journal.click('#unlock-submit');
      await journal.waitForFunction(
        (text) => document.body.innerText.includes(text),
        { timeout: 60_000, polling: 200 },
        secret,
      );
      // Every entry is drawn at once here: Firefox left entries drawn only near the view
      // (`content-visibility: auto`) undrawn, even in a tab in front (JournalApp: DRAW_NEAR_VIEW).
      expect(
        await journal.$$eval('.journal-entry', (entries) =>
          entries.map((entry) => getComputedStyle(entry).contentVisibility),
        ),
      ).toEqual(['visible', 'visible']);
      await journal.screenshot({
        path: join(SCREENSHOT_DIR, 'firefox-journal-unlocked.png') as `${string}.png`,
      });
      await Promise.all([journal.close(), options.close()]);
    },
  );

  // Last: the add-on is reloaded, which closes the page the tests before it read from.
  it('a call goes on through an update of the add-on, and its end still opens the check-in', async () => {
    const call = await harness.browser.newPage();
    await call.goto(`${site.origin}/`, { waitUntil: 'load' });
    await Promise.all([call.waitForNavigation({ timeout: WAIT_MS }), call.click('#join')]);
    // The session going on, as the background keeps it.
    const before = await (
      await opener.waitForFunction(
        async () => {
          const { storage } = (globalThis as unknown as { browser: ExtensionApi }).browser;
          const tracker = (await storage.local.get('tracker-state'))['tracker-state'] as
            { active: Record<string, { id: string }> } | undefined;
          const active = Object.values(tracker?.active ?? {});
          return active.length === 1 && active[0]!.id;
        },
        { timeout: WAIT_MS, polling: 100 },
      )
    ).jsonValue();
    const pagesBefore = await harness.browser.pages();
    // An update starts the add-on anew, as a reload does: its pages close, its background starts
    // again, and storage.session is emptied.
    type SessionArea = {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: object): Promise<void>;
    };
    type Reloadable = { runtime: { reload(): void }; storage: { session: SessionArea } };
    await opener.evaluate(async () => {
      const { runtime, storage } = (globalThis as unknown as { browser: Reloadable }).browser;
      // Gone after the reload, with all of storage.session: proof that it happened.
      await storage.session.set({ 'before-the-update': true });
      setTimeout(() => runtime.reload(), 0);
    });
    // The call goes on for a while after the update; then it ends on the "you left" page.
    await new Promise((resolveWait) => setTimeout(resolveWait, 2_000));
    await Promise.all([call.waitForNavigation({ timeout: WAIT_MS }), call.click('#leave')]);

    const reflection = await newCheckInPage(pagesBefore);
    // The check-in is about that same session, ended now; nothing else was kept of it.
    expect(new URL(await reflection.evaluate(() => location.href)).searchParams.get('session')).toBe(before);
    const { checkIns, fromBefore } = await reflection.evaluate(async () => {
      const { storage } = (
        globalThis as unknown as { browser: ExtensionApi & { storage: { session: SessionArea } } }
      ).browser;
      const session = await storage.session.get('before-the-update');
      return {
        checkIns: (await storage.local.get('check-ins'))['check-ins'] as Record<string, { status: string }>,
        fromBefore: session['before-the-update'] ?? null,
      };
    });
    expect(fromBefore).toBeNull();
    expect(checkIns[before as string]).toMatchObject({
      status: 'pending',
      session: { reason: 'ended-page' },
    });
    expect(Object.values(checkIns).filter((checkIn) => checkIn.status === 'missed')).toEqual([]);
    await Promise.all([reflection.close(), call.close()]);
  });
});
