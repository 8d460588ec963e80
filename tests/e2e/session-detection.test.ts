import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startPracticeServer } from '../../scripts/practice-server.mjs';
import {
  ExtensionHarness,
  ReflectionWindow,
  WAIT_MS,
  waitForSessionsInProgress,
  type PracticeServer,
} from './harness';

/*
 * Stand-ins for three presets, served on the practice origin under a path: custom sites that
 * "work like" Google Meet, Zoom and Jitsi Meet (the same code path a self-hosted Jitsi takes), so
 * the URL flows below are the presets' own patterns moved under /meet, /zoom and /jitsi.
 */
const STAND_INS = [
  {
    id: 'custom-127-0-0-1-meet',
    name: 'Meet stand-in',
    origin: 'http://127.0.0.1',
    pathPrefix: '/meet',
    like: 'meet',
  },
  {
    id: 'custom-127-0-0-1-zoom',
    name: 'Zoom stand-in',
    origin: 'http://127.0.0.1',
    pathPrefix: '/zoom',
    like: 'zoom',
  },
  {
    id: 'custom-127-0-0-1-jitsi',
    name: 'Jitsi stand-in',
    origin: 'http://127.0.0.1',
    pathPrefix: '/jitsi',
    like: 'jitsi',
  },
];

const BASE_SETTINGS = {
  enabledSites: ['practice', ...STAND_INS.map((site) => site.id)],
  customSites: STAND_INS,
  graceSeconds: 1,
  cooldownMinutes: 0,
  minSessionMinutes: 0,
  snoozedUntil: null,
  quietHours: { enabled: false, startMinute: 0, endMinute: 0 },
  askMode: 'window',
};

interface StoredCheckIn {
  session: { id: string; siteId: string; dropped: boolean; reason: string };
  status: string;
}

describe('noticing the end of a session on the sites I chose', () => {
  let site: PracticeServer;
  let harness: ExtensionHarness;
  let windows: { urls: string[] };

  const url = (path: string) => `${site.origin}${path}`;

  /**
   * An extension page kept open through each test for reading and writing storage: opening one
   * per read cost more than the tests' own work.
   */
  let control: Page;

  async function storage<T>(key: string): Promise<T | undefined> {
    return (await control.evaluate(
      async (name) => ((await chrome.storage.local.get(name)) as Record<string, unknown>)[name],
      key,
    )) as T | undefined;
  }

  /** Changes detection settings as the options page does (validated when the background reads them). */
  async function updateDetection(change: Record<string, unknown>): Promise<void> {
    await control.evaluate(async (detectionChange) => {
      const { settings } = (await chrome.storage.local.get('settings')) as {
        settings?: { detection?: Record<string, unknown> };
      };
      await chrome.storage.local.set({
        settings: { ...settings, detection: { ...settings?.detection, ...detectionChange } },
      });
    }, change);
  }

  /** Waits until at least `count` check-ins are stored, and returns them all. */
  async function waitForCheckIns(count: number): Promise<StoredCheckIn[]> {
    await control.waitForFunction(
      async (n) =>
        Object.keys(((await chrome.storage.local.get('check-ins'))['check-ins'] ?? {}) as object).length >= n,
      { timeout: WAIT_MS, polling: 100 },
      count,
    );
    return Object.values((await storage<Record<string, StoredCheckIn>>('check-ins')) ?? {});
  }

  async function openTab(path: string): Promise<Page> {
    const page = await harness.browser.newPage();
    await page.goto(url(path), { waitUntil: 'load' });
    return page;
  }

  /** A whole call on the Zoom stand-in that ends on its "you left" page: decided at once, no grace. */
  async function zoomCall(): Promise<Page> {
    const page = await openTab('/zoom/wc/123456789/join');
    await page.goto(url('/zoom/wc/leave'), { waitUntil: 'load' });
    return page;
  }

  /** The one reflection window, and the session it is about. */
  async function onlyReflectionFor(): Promise<string> {
    const reflection = await ReflectionWindow.waitFor(harness);
    expect(windows.urls).toHaveLength(1);
    return new URL(reflection.page.url()).searchParams.get('session') ?? '';
  }

  // One browser for every test here (launching one per test took most of the file's time); each
  // test starts from the same clean state instead, so none depends on another.
  beforeAll(async () => {
    site = await startPracticeServer();
    harness = await ExtensionHarness.launch({ site });
    windows = harness.watchReflectionWindows();
  });
  afterAll(async () => {
    await harness?.close();
  });
  beforeEach(async () => {
    await resetBetweenTests();
  });

  /**
   * Closes every tab and window a test left (call tabs, check-in windows), lets the background
   * finish what that set off, then empties Aftercare's storage and alarms and applies the base
   * settings: a fresh install, but for the browser.
   */
  async function resetBetweenTests(): Promise<void> {
    const [keep, ...others] = await harness.browser.pages();
    await Promise.all(others.map((page) => page.close()));
    control = await harness.openExtensionPage('popup.html');
    await control.evaluate(async (detection) => {
      // The background handles events and messages one at a time, in order: once it has answered
      // this (a no-op), the tab events from closing those pages have been handled too.
      await chrome.runtime.sendMessage({ type: 'page:dismiss-check-in', sessionId: 'no-such-session' });
      await chrome.alarms.clearAll();
      await chrome.storage.local.clear();
      await chrome.storage.local.set({ settings: { version: 1, detection } });
    }, BASE_SETTINGS);
    if (!keep) await harness.browser.newPage();
    windows.urls.length = 0;
  }

  it('Meet: closing the call tab opens one check-in at once', async () => {
    const call = await openTab('/meet/abc-defg-hij');
    await call.close();
    await onlyReflectionFor();
    const [checkIn] = await waitForCheckIns(1);
    expect(checkIn).toMatchObject({ session: { siteId: 'custom-127-0-0-1-meet', reason: 'tab-closed' } });
  });

  it('lets check-ins that are over go after 30 days, as the next one is kept', async () => {
    const DAY = 24 * 60 * 60 * 1000;
    const old = (id: string, status: string) => ({
      session: {
        id,
        siteId: 'practice',
        startedAt: Date.now() - 40 * DAY,
        endedAt: Date.now() - 40 * DAY + 60_000,
        reason: 'tab-closed',
        dropped: false,
      },
      status,
    });
    await control.evaluate(async (checkIns) => chrome.storage.local.set({ 'check-ins': checkIns }), {
      taken: old('taken', 'done'),
      missed: old('missed', 'missed'),
    });
    const call = await openTab('/meet/abc-defg-hij');
    await call.close();
    await onlyReflectionFor();
    // The window may open a moment before the new check-in is written.
    await control.waitForFunction(
      async () => !('taken' in ((await chrome.storage.local.get('check-ins'))['check-ins'] as object)),
      { timeout: WAIT_MS, polling: 100 },
    );
    const checkIns = await storage<Record<string, StoredCheckIn>>('check-ins');
    expect(Object.keys(checkIns!)).toHaveLength(2);
    expect(checkIns!.missed).toMatchObject({ status: 'missed' });
    expect(checkIns!.taken).toBeUndefined();
  });

  it('Jitsi: moving the tab away from the call ends it; so does the page after hanging up', async () => {
    const call = await openTab('/jitsi/GentleRoom');
    await call.goto(url('/'), { waitUntil: 'load' });
    await onlyReflectionFor();
    const [checkIn] = await waitForCheckIns(1);
    expect(checkIn?.session.reason).toBe('navigated-away');

    await call.goto(url('/jitsi/GentleRoom'), { waitUntil: 'load' });
    await call.goto(url('/jitsi/static/close2.html'), { waitUntil: 'load' });
    const both = await waitForCheckIns(2);
    expect(both.map((c) => c.session.reason).sort()).toEqual(['ended-page', 'navigated-away']);
  });

  it('Zoom: the "you left" page ends the session at once', async () => {
    await zoomCall();
    await onlyReflectionFor();
    const [checkIn] = await waitForCheckIns(1);
    expect(checkIn).toMatchObject({ session: { reason: 'ended-page', dropped: false }, status: 'pending' });
  });

  it('a call that drops and is rejoined within the grace period is one session, with one check-in', async () => {
    await updateDetection({ graceSeconds: 120 });
    // The connection drops: the web client falls back to its start page, then the user rejoins.
    const call = await openTab('/zoom/wc/123456789/join');
    await call.goto(url('/zoom/'), { waitUntil: 'load' });
    await call.goto(url('/zoom/wc/123456789/join'), { waitUntil: 'load' });
    await call.goto(url('/zoom/wc/leave'), { waitUntil: 'load' });
    await onlyReflectionFor();
    const checkIns = await waitForCheckIns(1);
    expect(checkIns).toHaveLength(1);
    expect(checkIns[0]?.session).toMatchObject({ dropped: true, reason: 'ended-page' });
  });

  it('a session shorter than the minimum ends quietly', async () => {
    await updateDetection({ minSessionMinutes: 30 });
    await zoomCall();
    // Events are handled in order: once a later call's check-in opens, the short one was decided.
    await updateDetection({ minSessionMinutes: 0 });
    await zoomCall();
    const id = await onlyReflectionFor();
    expect((await waitForCheckIns(1)).map((c) => c.session.id)).toEqual([id]);
  });

  it('offers nothing while check-ins are paused', async () => {
    await updateDetection({ snoozedUntil: Date.now() + 3_600_000 });
    await zoomCall();
    await updateDetection({ snoozedUntil: null });
    await zoomCall();
    const id = await onlyReflectionFor();
    expect((await waitForCheckIns(1)).map((c) => c.session.id)).toEqual([id]);
  });

  it('pausing from the popup for an hour says until when, and resuming undoes it', async () => {
    const snoozedUntil = () =>
      control.evaluate(
        async () =>
          (
            (await chrome.storage.local.get('settings')) as {
              settings?: { detection?: { snoozedUntil?: unknown } };
            }
          ).settings?.detection?.snoozedUntil ?? null,
      );
    const popup = await harness.openExtensionPage('popup.html');
    await popup.waitForSelector('#pause-hour', { timeout: WAIT_MS });
    const before = Date.now();
    await popup.click('#pause-hour');
    await popup.waitForSelector('#resume', { timeout: WAIT_MS });
    expect(await popup.$eval('#pause [role="status"]', (p) => p.textContent)).toMatch(
      /^Check-ins are paused until .+\.$/,
    );
    const until = (await snoozedUntil()) as number;
    expect(until).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 3_600_000);
    await popup.click('#resume');
    await popup.waitForSelector('#pause-hour', { timeout: WAIT_MS });
    expect(await snoozedUntil()).toBeNull();
    await popup.close();
  });

  it('offers nothing in quiet hours, and keeps the session to take later', async () => {
    const now = new Date();
    const minute = now.getHours() * 60 + now.getMinutes();
    await updateDetection({
      quietHours: { enabled: true, startMinute: (minute + 1380) % 1440, endMinute: (minute + 60) % 1440 },
    });
    await zoomCall();
    await updateDetection({ quietHours: { enabled: false, startMinute: 0, endMinute: 0 } });
    await zoomCall();
    const id = await onlyReflectionFor();
    const checkIns = await waitForCheckIns(2);
    expect(checkIns.find((c) => c.session.id === id)?.status).toBe('pending');
    expect(checkIns.find((c) => c.session.id !== id)?.status).toBe('missed');
  });

  it('offers one check-in for two sessions ending within the cooldown', async () => {
    await updateDetection({ cooldownMinutes: 30 });
    await zoomCall();
    await zoomCall();
    const checkIns = await waitForCheckIns(2);
    expect(checkIns.map((c) => c.status).sort()).toEqual(['missed', 'pending']);
    await ReflectionWindow.waitFor(harness);
    expect(windows.urls).toHaveLength(1);
  });

  it('still offers exactly one check-in when the service worker was stopped mid-session', async () => {
    const call = await openTab('/meet/abc-defg-hij');
    await waitForSessionsInProgress(control);
    await harness.stopServiceWorker(call);
    await call.close();
    await onlyReflectionFor();
    expect(await waitForCheckIns(1)).toHaveLength(1);
  });

  it('turning a site off from the popup mid-call stops watching it, without a word', async () => {
    // (Taking access away is proven in the unit tests: the practice build is granted 127.0.0.1 as
    // a required permission, and browsers refuse to remove required permissions.)
    const call = await openTab('/meet/abc-defg-hij');
    const popup = await harness.openExtensionPage('popup.html');
    await popup.waitForSelector('#site-off', { timeout: WAIT_MS });
    expect(await popup.$eval('#site-off', (button) => button.textContent)).toBe(
      'Stop watching Meet stand-in',
    );
    await popup.click('#site-off');
    await popup.waitForSelector('#site-off', { hidden: true, timeout: WAIT_MS });
    await popup.close();
    await call.close();
    await zoomCall();
    const id = await onlyReflectionFor();
    expect((await waitForCheckIns(1)).map((c) => c.session.id)).toEqual([id]);
  });

  it('"I just finished a session" in the popup opens the check-in for the current session', async () => {
    await openTab('/meet/abc-defg-hij');
    const popup = await harness.openExtensionPage('popup.html');
    await popup.waitForSelector('#current-session', { timeout: WAIT_MS });
    await popup.type('#intention', 'To feel close, and to say what I need.');
    await popup.click('#keep-intention');
    await popup.waitForSelector('#current-session .status', { timeout: WAIT_MS });
    await harness.screenshot(popup, 'popup-in-session');
    await popup.click('#finished-session').catch(() => undefined); // the popup closes itself
    await onlyReflectionFor();
    const [checkIn] = await waitForCheckIns(1);
    expect(checkIn?.session).toMatchObject({
      reason: 'finished-by-user',
      intention: 'To feel close, and to say what I need.',
    });
  });

  it('the detection settings and the session panel fit a narrow dark screen', async () => {
    await openTab('/meet/abc-defg-hij');
    await updateDetection({
      askMode: 'notification',
      quietHours: { enabled: true, startMinute: 1320, endMinute: 480 },
    });
    for (const path of ['options.html', 'popup.html']) {
      const page = await harness.browser.newPage();
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      await page.setViewport({ width: 360, height: 800 });
      await page.goto(harness.extensionUrl(path), { waitUntil: 'load' });
      await page.waitForSelector(path === 'options.html' ? '#detection-rules' : '#current-session', {
        timeout: WAIT_MS,
      });
      // Nothing wider than the screen: no sideways scrolling, no control cut off.
      const overflow = await page.evaluate(() =>
        [
          ...document.querySelectorAll(
            '#site-list *, #add-custom-site *, #detection-rules *, .session-panel *',
          ),
        ]
          .filter(
            (element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1,
          )
          .map((element) => `${element.tagName} ${element.id} ${element.className}`.trim()),
      );
      expect(overflow, path).toEqual([]);
      await harness.screenshot(page, `detection-${path.replace('.html', '')}-dark-360`);
      await page.close();
    }
  });
});

describe('a browser restart in the middle of a session', () => {
  it('keeps the session as a missed check-in in the popup, and opens nothing at startup', async () => {
    const site = await startPracticeServer();
    const first = await ExtensionHarness.launch({ site });
    await first.updateDetectionSettings({ graceSeconds: 1 });
    const call = await first.browser.newPage();
    await call.goto(`${site.origin}/call/practice-room`, { waitUntil: 'load' });
    const control = await first.openExtensionPage('popup.html');
    await waitForSessionsInProgress(control);
    await first.close({ keepSite: true, keepProfile: true });

    const second = await ExtensionHarness.launch({ site, userDataDir: first.userDataDir });
    try {
      const windows = second.watchReflectionWindows();
      const popup = await second.openExtensionPage('popup.html');
      await popup.waitForSelector('#later-check-ins li', { timeout: WAIT_MS });
      expect(await popup.$eval('#later-check-ins', (list) => list.textContent)).toContain('Practice call');
      await second.screenshot(popup, 'popup-missed-check-in');
      await second.stopServiceWorker();
      expect(windows.urls).toEqual([]);
      expect(second.browser.targets().filter((target) => second.isCheckInUrl(target.url()))).toHaveLength(0);

      await popup.click('#later-check-ins li .take').catch(() => undefined);
      await ReflectionWindow.waitFor(second);
      expect(windows.urls).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it('puts the mark back on the icon for a check-in that was waiting before the restart', async () => {
    const site = await startPracticeServer();
    const first = await ExtensionHarness.launch({ site });
    await first.updateDetectionSettings({ askMode: 'badge', graceSeconds: 1, minSessionMinutes: 0 });
    const call = await first.browser.newPage();
    await call.goto(`${site.origin}/call/practice-room`, { waitUntil: 'load' });
    // A page that changes nothing, to read from: the icon's mark and the check-ins.
    const reader = await first.openExtensionPage('reach-out.html');
    const waitingMarked = () =>
      reader.waitForFunction(
        async () => {
          const checkIns = (await chrome.storage.local.get('check-ins'))['check-ins'] ?? {};
          const waiting = Object.values(checkIns).filter((c) => c.status === 'waiting').length;
          return waiting === 1 && (await chrome.action.getBadgeText({})) === '1';
        },
        { timeout: WAIT_MS, polling: 100 },
      );
    await waitForSessionsInProgress(reader);
    await call.close();
    await waitingMarked();
    await first.close({ keepSite: true, keepProfile: true });

    // The browser forgets the mark when it closes; the check-in is still kept.
    const second = await ExtensionHarness.launch({ site, userDataDir: first.userDataDir });
    try {
      const again = await second.openExtensionPage('reach-out.html');
      await again.waitForFunction(async () => (await chrome.action.getBadgeText({})) === '1', {
        timeout: WAIT_MS,
        polling: 100,
      });
      expect(
        await again.evaluate(async () =>
          Object.values((await chrome.storage.local.get('check-ins'))['check-ins'] ?? {}).map(
            (c) => c.status,
          ),
        ),
      ).toEqual(['waiting']);
    } finally {
      await second.close();
    }
  });
});
