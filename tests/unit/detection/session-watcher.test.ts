import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  GRACE_ALARM,
  SETTLED_KEPT_MS,
  createSessionWatcher,
  registerSessionWatcher,
  sameData,
  withoutOldSettled,
} from '@/utils/detection/session-watcher';
import type { CheckIn } from '@/utils/shared/storage-items';
import { checkInsItem, trackerStateItem } from '@/utils/shared/storage-items';
import { DEFAULT_SETTINGS, settingsItem, type Settings } from '@/utils/settings/settings';

const CALL = 'http://127.0.0.1:4173/call/practice-room';

let now = 1_000;

function setup(detection: Partial<Settings['detection']> = {}, access = { allowed: true }) {
  let id = 0;
  let windowId = 0;
  // Each check-in window gets its id, as from windows.create.
  const openCheckIn = vi.fn(async (_sessionId?: string) => ++windowId);
  /** The sessions whose check-in has a draft. */
  const drafts = new Set<string>();
  /** Check-in windows closed before the background noted them. */
  const closedWindows = new Set<number>();
  /** Tabs gone with the browser as it restarted (the fake still lists them). */
  const goneTabs = new Set<number>();
  const showWaiting = vi.fn(async (_count: number) => undefined);
  let whileReading: (() => Promise<void>) | undefined;
  let settings: Settings = {
    ...DEFAULT_SETTINGS,
    detection: { ...DEFAULT_SETTINGS.detection, graceSeconds: 5, ...detection },
  };
  const deps = {
    now: () => now,
    newId: () => `session-${++id}`,
    openCheckIn,
    // A fresh copy on every read, as from storage.
    getSettings: async () => {
      const copy = structuredClone(settings);
      await whileReading?.();
      whileReading = undefined;
      return copy;
    },
    hasAccess: async () => access.allowed,
    showWaiting,
    hasDraft: async (sessionId: string) => drafts.has(sessionId),
    noteWindowAfterMs: 0,
    windowOpen: async (windowId: number) => !closedWindows.has(windowId),
    openTabs: async (tabIds: number[]) =>
      Object.fromEntries(
        await Promise.all(
          tabIds
            .filter((tabId) => !goneTabs.has(tabId))
            .map(async (tabId) => [String(tabId), (await fakeBrowser.tabs.get(tabId)).url ?? null]),
        ),
      ),
  };
  const watcher = registerSessionWatcher(createSessionWatcher(deps));
  return {
    watcher,
    openCheckIn,
    showWaiting,
    drafts,
    closedWindows,
    goneTabs,
    advance: (ms: number) => (now += ms),
    /** The worker as the browser starts it anew: nothing in memory, the same storage. */
    restartedWorker: () => createSessionWatcher(deps),
    /** Settings changed from another page (the popup, the options), as storage reports it. */
    changeSettings,
    /** The same, landing just after the worker's next read of the settings. */
    changeSettingsWhileReading: (change: (current: Settings) => Settings) => {
      whileReading = () => changeSettings(change);
    },
  };
  async function changeSettings(change: (current: Settings) => Settings) {
    settings = change(settings);
    await settingsItem.setValue(settings);
  }
}

/** The order in which the spied calls and the check-in window happened, as labels. */
function callOrder(calls: Record<string, { mock: { invocationCallOrder: number[] } }>): string[] {
  return Object.entries(calls)
    .flatMap(([label, fn]) => fn.mock.invocationCallOrder.map((order) => [order, label] as const))
    .sort(([a], [b]) => a - b)
    .map(([, label]) => label);
}

/** Lets the grace period pass the way the browser does: time moves on and the alarm fires. */
async function graceAlarmFires(watcher: { idle: () => Promise<void> }, advance: (ms: number) => number) {
  const alarm = await fakeBrowser.alarms.get(GRACE_ALARM);
  expect(alarm).toBeDefined();
  advance(5_000);
  await fakeBrowser.alarms.onAlarm.trigger(alarm!);
  await watcher.idle();
}

beforeEach(() => {
  now = 1_000;
});

/** Like a real browser: a new tab starts blank, then navigates (which fires tabs.onUpdated). */
async function openTab(url: string) {
  const tab = await fakeBrowser.tabs.create({ url: 'about:blank' });
  await fakeBrowser.tabs.update(tab.id!, { url });
  return tab;
}

/** Waits until the background has noted which check-in window this is (a moment after it opens). */
async function windowNoted(windowId: number) {
  await vi.waitFor(async () =>
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toContain(`check-in-window:${windowId}`),
  );
}

/** Fires tabs.onRemoved as the browser does (the fake's tabs.remove looks up the wrong window). */
async function closeTab(tab: { id?: number; windowId?: number }) {
  await fakeBrowser.tabs.onRemoved.trigger(tab.id!, { isWindowClosing: false, windowId: tab.windowId ?? 0 });
}

describe('the background session watcher', () => {
  it('opens one check-in window the moment a call tab closes', async () => {
    const { watcher, openCheckIn, advance } = setup();
    const tab = await openTab('http://127.0.0.1:4173/');
    await fakeBrowser.tabs.update(tab.id!, { url: CALL });
    await watcher.idle();
    expect(Object.keys((await trackerStateItem.getValue()).active)).toEqual([String(tab.id)]);

    advance(120_000);
    await closeTab(tab);
    await watcher.idle();
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1', false);
    expect(await fakeBrowser.alarms.get(GRACE_ALARM)).toBeUndefined();
    expect((await checkInsItem.getValue())['session-1']).toMatchObject({ status: 'pending' });
  });

  it('ends a session with one write holding both the tracker and the check-in', async () => {
    const { watcher, openCheckIn, advance } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    advance(120_000);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await closeTab(tab);
    await watcher.idle();
    const keys = set.mock.calls.map(([items]) => Object.keys(items).sort());
    set.mockRestore();
    // All or nothing: a worker stopped mid-event never keeps an ended session without its check-in.
    expect(keys).toEqual([['check-ins', 'check-ins$', 'tracker-state', 'tracker-state$']]);
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1', false);
  });

  it('opens the window the moment the tab closes when the running worker saw the call start, then reads and writes as always', async () => {
    const { watcher, openCheckIn, advance } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    advance(120_000);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    watcher.onTabRemoved(tab.id!);
    // Synchronously, in the event's own turn: nothing read yet.
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1', false);
    await watcher.idle();
    const order = callOrder({ get, set, open: openCheckIn });
    get.mockRestore();
    set.mockRestore();
    expect(order[0]).toBe('open');
    expect(order).toContain('get');
    expect(order.filter((label) => label === 'set')).toHaveLength(1);
    expect(openCheckIn).toHaveBeenCalledOnce();
    expect((await checkInsItem.getValue())['session-1']).toMatchObject({ status: 'pending' });
  });

  it('opens the window in the neutral wording when the user chose it, ahead or not', async () => {
    const { watcher, openCheckIn, advance, restartedWorker, changeSettings } = setup({ cooldownMinutes: 0 });
    await changeSettings((current) => ({
      ...current,
      reflection: { ...current.reflection, neutralWording: true },
    }));
    const first = await openTab(CALL);
    const second = await openTab(CALL);
    await watcher.idle();
    advance(120_000);
    watcher.onTabRemoved(first.id!);
    expect(openCheckIn).toHaveBeenLastCalledWith('session-1', true);
    await watcher.idle();
    const fresh = restartedWorker();
    fresh.onTabRemoved(second.id!);
    await fresh.idle();
    expect(openCheckIn.mock.calls).toEqual([
      ['session-1', true],
      ['session-2', true],
    ]);
  });

  it('reads and decides before it opens the window when the worker has just started, then writes while it opens', async () => {
    const { watcher, openCheckIn, advance, restartedWorker } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    advance(120_000);
    const fresh = restartedWorker();
    // The browser, busy closing the tab, is slow to answer the write.
    let finishWrite = () => {};
    const write = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    const set = vi
      .spyOn(fakeBrowser.storage.local, 'set')
      .mockImplementation(
        (items) => new Promise<void>((resolve) => (finishWrite = () => void write(items).then(resolve))),
      );
    fresh.onTabRemoved(tab.id!);
    expect(openCheckIn).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1', false));
    // The window opened first, and did not wait for the write.
    expect(callOrder({ set, open: openCheckIn })).toEqual(['open', 'set']);
    finishWrite();
    await fresh.idle();
    set.mockRestore();
    expect(Object.keys(await checkInsItem.getValue())).toEqual(['session-1']);
    expect(openCheckIn).toHaveBeenCalledOnce();
  });

  it('opens nothing ahead when the settings changed since the last event: snoozed from the popup, no window at all', async () => {
    const { watcher, openCheckIn, advance, changeSettings } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    advance(120_000);
    await changeSettings((current) => ({
      ...current,
      detection: { ...current.detection, snoozedUntil: now + 3_600_000 },
    }));
    await closeTab(tab);
    await watcher.idle();
    expect(openCheckIn).not.toHaveBeenCalled();
    expect(await checkInsItem.getValue()).toEqual({});
  });

  it('opens nothing ahead while an earlier event is still being processed', async () => {
    const { watcher, openCheckIn, advance } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    advance(120_000);
    // The tab leaves the call (which waits out its grace: calls drop) and, while that is still
    // being read and written, closes: the call is no longer this tab's, and nothing opens yet.
    const elsewhere = 'http://127.0.0.1:4173/';
    watcher.onTabUpdated(tab.id!, { url: elsewhere }, { ...tab, url: elsewhere });
    watcher.onTabRemoved(tab.id!);
    await watcher.idle();
    expect(openCheckIn).not.toHaveBeenCalled();
    await graceAlarmFires(watcher, advance);
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1', false);
  });

  it('reads nothing for a tab event that changes nothing, once the running worker knows where things stand', async () => {
    const { watcher, advance } = setup();
    const call = await openTab(CALL);
    await watcher.idle();
    const before = await trackerStateItem.getValue();
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    // Pages load in other tabs, and the call's own tab reports it is still on the call.
    const other = await openTab('https://example.org/');
    await fakeBrowser.tabs.update(other.id!, { url: 'https://example.org/news' });
    advance(60_000);
    watcher.onTabUpdated(call.id!, { status: 'loading' }, { ...call, url: CALL });
    await closeTab(other);
    await watcher.idle();
    const calls = { get: get.mock.calls.length, set: set.mock.calls.length };
    get.mockRestore();
    set.mockRestore();
    expect(calls).toEqual({ get: 0, set: 0 });
    expect(await trackerStateItem.getValue()).toEqual(before);
  });

  it('reads again for an event that changes something, and for every event after settings changed', async () => {
    const { watcher, advance, changeSettings } = setup();
    const call = await openTab(CALL);
    await watcher.idle();
    await changeSettings((current) => ({
      ...current,
      detection: { ...current.detection, graceSeconds: 30 },
    }));
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const other = await openTab('https://example.org/');
    await watcher.idle();
    const afterSettings = get.mock.calls.length;
    // The reads just done are the copy again: the next quiet event reads nothing...
    await fakeBrowser.tabs.update(other.id!, { url: 'https://example.org/news' });
    await watcher.idle();
    const afterQuiet = get.mock.calls.length;
    // ...and the call's tab leaving the call is read, decided and written as always.
    advance(120_000);
    await fakeBrowser.tabs.update(call.id!, { url: 'http://127.0.0.1:4173/' });
    await watcher.idle();
    const afterLeaving = get.mock.calls.length;
    get.mockRestore();
    expect(afterSettings).toBeGreaterThan(0);
    expect(afterQuiet).toBe(afterSettings);
    expect(afterLeaving).toBeGreaterThan(afterQuiet);
    expect((await trackerStateItem.getValue()).active[String(call.id)]).toBeUndefined();
  });

  it('still sets the next alarm when one fires before the grace period is over', async () => {
    const { watcher, advance } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    await fakeBrowser.tabs.update(tab.id!, { url: 'http://127.0.0.1:4173/' });
    await watcher.idle();
    const alarm = await fakeBrowser.alarms.get(GRACE_ALARM);
    // The browser removes an alarm once it has fired.
    await fakeBrowser.alarms.clear(GRACE_ALARM);
    advance(1_000);
    await fakeBrowser.alarms.onAlarm.trigger(alarm!);
    await watcher.idle();
    expect(await fakeBrowser.alarms.get(GRACE_ALARM)).toMatchObject({ scheduledTime: alarm!.scheduledTime });
  });

  it('keeps no copy of what it read when the settings changed while it was reading', async () => {
    const { watcher, openCheckIn, advance, changeSettingsWhileReading } = setup();
    const tab = await openTab('http://127.0.0.1:4173/');
    await watcher.idle();
    changeSettingsWhileReading((current) => ({
      ...current,
      detection: { ...current.detection, snoozedUntil: now + 3_600_000 },
    }));
    await fakeBrowser.tabs.update(tab.id!, { url: CALL });
    await watcher.idle();
    advance(120_000);
    await closeTab(tab);
    await watcher.idle();
    expect(openCheckIn).not.toHaveBeenCalled();
  });

  it('keeps what it knew when storage reports its own write back, keys in another order (as Chrome does)', async () => {
    const { watcher, openCheckIn, advance } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    advance(120_000);
    const written = await trackerStateItem.getValue();
    const sorted = JSON.parse(
      JSON.stringify(written, (_key, value: unknown) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
          : value,
      ),
    ) as unknown;
    expect(JSON.stringify(sorted)).not.toBe(JSON.stringify(written));
    watcher.onStorageChanged({ 'tracker-state': { oldValue: undefined, newValue: sorted } }, 'local');
    watcher.onTabRemoved(tab.id!);
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1', false);
    await watcher.idle();
    expect(openCheckIn).toHaveBeenCalledOnce();
  });

  it('forgets what it knew when everything is deleted: a later close is read afresh', async () => {
    const { watcher, openCheckIn, advance } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    advance(120_000);
    await fakeBrowser.storage.local.clear();
    await closeTab(tab);
    await watcher.idle();
    expect(openCheckIn).not.toHaveBeenCalled();
    expect(await checkInsItem.getValue()).toEqual({});
  });

  it('writes the site name on the check-in, so the check-in window needs no site list', async () => {
    const { watcher, advance } = setup({
      enabledSites: ['our-room'],
      customSites: [
        { id: 'our-room', name: 'Our call room', origin: 'https://calls.example.org', pathPrefix: '/room' },
      ],
    });
    const tab = await openTab('https://calls.example.org/room/abc');
    await watcher.idle();
    advance(120_000);
    await closeTab(tab);
    await watcher.idle();
    expect((await checkInsItem.getValue())['session-1']?.siteName).toBe('Our call room');
  });

  it('leaves the practice site for the check-in page to name, in its own language', async () => {
    const { watcher, advance } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    advance(120_000);
    await closeTab(tab);
    await watcher.idle();
    const checkIn = (await checkInsItem.getValue())['session-1']!;
    expect(checkIn.session.siteId).toBe('practice');
    expect(checkIn.siteName).toBeUndefined();
  });

  it('waits out the grace period when the call tab moves elsewhere, on an alarm that survives the worker', async () => {
    const { watcher, openCheckIn, advance } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    advance(120_000);
    await fakeBrowser.tabs.update(tab.id!, { url: 'http://127.0.0.1:4173/' });
    await watcher.idle();
    expect(openCheckIn).not.toHaveBeenCalled(); // the call may only have dropped
    await graceAlarmFires(watcher, advance);
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1', false);
    expect(await fakeBrowser.alarms.get(GRACE_ALARM)).toBeUndefined();
  });

  it('keeps the session in storage, so a restarted worker still knows about the call', async () => {
    const first = setup();
    const tab = await openTab(CALL);
    await first.watcher.idle();

    // A new worker: fresh listeners and memory, same storage.
    fakeBrowser.tabs.onRemoved.removeAllListeners();
    fakeBrowser.tabs.onUpdated.removeAllListeners();
    fakeBrowser.alarms.onAlarm.removeAllListeners();
    const second = setup();
    await closeTab(tab);
    await second.watcher.idle();
    expect(second.openCheckIn).toHaveBeenCalledOnce();
    expect(first.openCheckIn).not.toHaveBeenCalled();
  });

  it('turns a session open at browser start into a missed check-in without opening anything', async () => {
    const { watcher, openCheckIn, goneTabs } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    // The browser restarts: the tab and storage.session are gone.
    goneTabs.add(tab.id!);
    await fakeBrowser.storage.session.clear();
    await fakeBrowser.runtime.onStartup.trigger();
    await watcher.idle();
    expect(openCheckIn).not.toHaveBeenCalled();
    expect(Object.values(await checkInsItem.getValue())).toMatchObject([{ status: 'missed' }]);
  });

  it('lets a call go on through an update of the extension, and opens its check-in as it ends', async () => {
    const { watcher, openCheckIn, restartedWorker } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    // An update empties storage.session and starts a new worker; the tab stays in the call.
    await fakeBrowser.storage.session.clear();
    const updated = restartedWorker();
    await updated.handle({ type: 'timer', at: now });
    expect(await checkInsItem.getValue()).toEqual({});
    expect(Object.keys((await trackerStateItem.getValue())!.active)).toEqual([String(tab.id)]);

    updated.onTabRemoved(tab.id!);
    await updated.idle();
    expect(openCheckIn).toHaveBeenCalledOnce();
    expect(Object.values(await checkInsItem.getValue())).toMatchObject([
      { status: 'pending', session: { reason: 'tab-closed' } },
    ]);
  });

  it("a browser start that is not the run's first event ends nothing", async () => {
    const { watcher, openCheckIn } = setup();
    await openTab(CALL);
    await watcher.idle();
    await fakeBrowser.runtime.onStartup.trigger();
    await watcher.idle();
    expect(await checkInsItem.getValue()).toEqual({});
    expect(openCheckIn).not.toHaveBeenCalled();
  });

  it('never opens a second window for the same session', async () => {
    const { watcher, openCheckIn, advance } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    watcher.onTabRemoved(tab.id!);
    watcher.onTabRemoved(tab.id!);
    await watcher.idle();
    advance(60_000);
    await fakeBrowser.alarms.onAlarm.trigger({
      name: GRACE_ALARM,
      scheduledTime: now,
      persistAcrossSessions: false,
    } as never);
    await watcher.idle();
    expect(openCheckIn).toHaveBeenCalledOnce();
  });

  it('only marks the toolbar icon when the user chose that way of being asked', async () => {
    const { watcher, openCheckIn, showWaiting } = setup({ askMode: 'badge' });
    const tab = await openTab(CALL);
    await watcher.idle();
    await closeTab(tab);
    await watcher.idle();
    expect(openCheckIn).not.toHaveBeenCalled();
    expect(showWaiting).toHaveBeenLastCalledWith(1);
    expect(Object.values(await checkInsItem.getValue())).toMatchObject([{ status: 'waiting' }]);
  });

  it('puts the mark back on the icon when the browser starts again, for check-ins kept from before', async () => {
    // The browser forgets the icon's mark when it closes; the check-ins are still in storage.
    const first = setup({ askMode: 'badge' });
    const tab = await openTab(CALL);
    await first.watcher.idle();
    await closeTab(tab);
    await first.watcher.idle();
    expect(first.showWaiting).toHaveBeenLastCalledWith(1);

    await fakeBrowser.storage.session.clear();
    for (const event of [
      fakeBrowser.runtime.onStartup,
      fakeBrowser.tabs.onUpdated,
      fakeBrowser.tabs.onRemoved,
    ])
      event.removeAllListeners();
    const second = setup({ askMode: 'badge' });
    await fakeBrowser.runtime.onStartup.trigger();
    await second.watcher.idle();
    expect(second.showWaiting).toHaveBeenCalledExactlyOnceWith(1);
    expect(second.openCheckIn).not.toHaveBeenCalled();
  });

  it('sets the mark on the icon from the check-ins, whoever changed them, once per change', async () => {
    const { watcher, showWaiting } = setup({ askMode: 'badge' });
    const tab = await openTab(CALL);
    await watcher.idle();
    // The run's first event set it from what was kept: nothing.
    expect(showWaiting.mock.calls).toEqual([[0]]);
    showWaiting.mockClear();
    await closeTab(tab);
    await watcher.idle();
    expect(showWaiting.mock.calls).toEqual([[1]]);
    // The check-in page saved it.
    const [checkIn] = Object.values(await checkInsItem.getValue());
    await checkInsItem.setValue({ [checkIn!.session.id]: { ...checkIn!, status: 'done' } });
    await vi.waitFor(() => expect(showWaiting.mock.calls).toEqual([[1], [0]]));
  });

  it('stops watching a site whose access was taken away', async () => {
    const access = { allowed: true };
    const { watcher, openCheckIn } = setup({ graceSeconds: 1 }, access);
    const tab = await openTab(CALL);
    await watcher.idle();
    access.allowed = false;
    await (
      fakeBrowser.permissions.onRemoved as unknown as { trigger: (p: unknown) => Promise<void> }
    ).trigger({
      origins: ['http://127.0.0.1/*'],
    });
    await closeTab(tab);
    await watcher.idle();
    expect(openCheckIn).not.toHaveBeenCalled();
    expect((await trackerStateItem.getValue()).active).toEqual({});
    expect(await checkInsItem.getValue()).toEqual({});
  });

  it('opens a check-in from the keyboard shortcut', async () => {
    const { watcher, openCheckIn } = setup();
    await openTab(CALL);
    await watcher.idle();
    watcher.onCommand('finished-session');
    await watcher.idle();
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1', false);
  });

  it('schedules a gentler follow-up that waits in the popup, never opening a window', async () => {
    const { watcher, openCheckIn, showWaiting } = setup({ followUp: 'in-3-hours' });
    await openTab(CALL);
    await watcher.idle();
    await watcher.finishedByUser();
    const alarm = await fakeBrowser.alarms.get('aftercare-follow-up');
    expect(alarm?.scheduledTime).toBe(now + 3 * 3600_000);
    now += 3 * 3600_000;
    await fakeBrowser.alarms.onAlarm.trigger(alarm!);
    await watcher.idle();
    expect(openCheckIn).toHaveBeenCalledOnce();
    expect(showWaiting).toHaveBeenLastCalledWith(1);
    expect(Object.values(await checkInsItem.getValue())).toMatchObject([{ followUp: { status: 'due' } }]);
  });
});

describe('a check-in window closed before its check-in was saved', () => {
  /** A call ends and its check-in window opens; returns the window's id once it is noted. */
  async function callEndsInAWindow(
    watcher: { idle: () => Promise<void> },
    openCheckIn: { mock: { results: Array<{ value: unknown }> } },
  ): Promise<number> {
    const tab = await openTab(CALL);
    await watcher.idle();
    await closeTab(tab);
    await watcher.idle();
    const windowId = (await openCheckIn.mock.results.at(-1)!.value) as number;
    await windowNoted(windowId);
    return windowId;
  }

  it('keeps a check-in whose window closed with words unsaved for later, and marks the icon', async () => {
    const { watcher, openCheckIn, showWaiting, drafts } = setup();
    const windowId = await callEndsInAWindow(watcher, openCheckIn);
    drafts.add('session-1');
    await watcher.onWindowRemoved(windowId);
    expect((await checkInsItem.getValue())['session-1']).toMatchObject({
      status: 'waiting',
      unfinished: true,
    });
    expect(showWaiting).toHaveBeenLastCalledWith(1);
    // Taken from the popup, it opens again (where the words come back), and is pending again.
    await watcher.takeCheckIn('session-1');
    expect(openCheckIn).toHaveBeenLastCalledWith('session-1', false);
    expect((await checkInsItem.getValue())['session-1']).toMatchObject({ status: 'pending' });
  });

  it('leaves a check-in whose window closed without a word as it was: closing it is "not now"', async () => {
    const { watcher, openCheckIn, showWaiting } = setup();
    const windowId = await callEndsInAWindow(watcher, openCheckIn);
    showWaiting.mockClear();
    await watcher.onWindowRemoved(windowId);
    expect((await checkInsItem.getValue())['session-1']).toMatchObject({ status: 'pending' });
    expect(showWaiting).not.toHaveBeenCalled();
  });

  it('leaves a saved check-in, and windows it did not open, alone', async () => {
    const { watcher, openCheckIn, drafts } = setup();
    const windowId = await callEndsInAWindow(watcher, openCheckIn);
    const saved = await checkInsItem.getValue();
    await checkInsItem.setValue({ ...saved, 'session-1': { ...saved['session-1']!, status: 'done' } });
    drafts.add('session-1');
    await watcher.onWindowRemoved(12345);
    await watcher.onWindowRemoved(windowId);
    expect((await checkInsItem.getValue())['session-1']).toMatchObject({ status: 'done' });
  });

  it('still knows its check-in windows after the worker was stopped and started again', async () => {
    const { watcher, openCheckIn, drafts, restartedWorker } = setup();
    const windowId = await callEndsInAWindow(watcher, openCheckIn);
    expect(await fakeBrowser.storage.session.get(null)).toMatchObject({
      [`check-in-window:${windowId}`]: 'session-1',
    });
    drafts.add('session-1');
    await restartedWorker().onWindowRemoved(windowId);
    expect((await checkInsItem.getValue())['session-1']).toMatchObject({ status: 'waiting' });
    // Forgotten once closed.
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).not.toContain(
      `check-in-window:${windowId}`,
    );
  });

  it('notes nothing for a check-in window closed before it was noted', async () => {
    const { watcher, openCheckIn, closedWindows } = setup();
    // Closed at once, before the background's moment to note it.
    openCheckIn.mockImplementationOnce(async () => {
      closedWindows.add(1);
      return 1;
    });
    const tab = await openTab(CALL);
    await watcher.idle();
    await closeTab(tab);
    await watcher.idle();
    await new Promise((settle) => setTimeout(settle, 20));
    expect(await fakeBrowser.storage.session.get(null)).not.toHaveProperty('check-in-window:1');
  });
});

describe('old check-ins that are over', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const at = 100 * DAY;
  const checkIn = (id: string, endedDaysAgo: number, more: Partial<CheckIn>): CheckIn => ({
    session: {
      id,
      siteId: 'practice',
      startedAt: at - endedDaysAgo * DAY - 60_000,
      endedAt: at - endedDaysAgo * DAY,
      reason: 'tab-closed',
      dropped: false,
    },
    status: 'done',
    ...more,
  });

  it('go after 30 days; anything still waiting, missed or with a follow-up to come stays', () => {
    const all = {
      taken: checkIn('taken', 31, { status: 'done' }),
      letGo: checkIn('letGo', 31, { status: 'dismissed' }),
      left: checkIn('left', 31, { status: 'pending' }),
      recent: checkIn('recent', 29, { status: 'done' }),
      waiting: checkIn('waiting', 400, { status: 'waiting' }),
      missed: checkIn('missed', 400, { status: 'missed' }),
      followUp: checkIn('followUp', 400, { followUp: { dueAt: at - DAY, status: 'due' } }),
      followedUp: checkIn('followedUp', 400, { followUp: { dueAt: at - 399 * DAY, status: 'done' } }),
    };
    expect(Object.keys(withoutOldSettled(all, at)).sort()).toEqual(
      ['followUp', 'missed', 'recent', 'waiting'].sort(),
    );
    expect(SETTLED_KEPT_MS).toBe(30 * DAY);
  });

  it('leaves the same object when nothing goes, and a record of another shape alone', () => {
    const all = { recent: checkIn('recent', 1, {}), odd: { status: 'done' } as unknown as CheckIn };
    expect(withoutOldSettled(all, at)).toBe(all);
  });

  it('go when the next check-in is written, and only then', async () => {
    await checkInsItem.setValue({
      taken: checkIn('taken', 31, {}),
      missed: checkIn('missed', 31, { status: 'missed' }),
    });
    now = at;
    const { watcher } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    // A tab event that writes no check-in leaves them as they are.
    expect(Object.keys(await checkInsItem.getValue()).sort()).toEqual(['missed', 'taken']);
    await closeTab(tab);
    await watcher.idle();
    const kept = await checkInsItem.getValue();
    expect(Object.keys(kept)).toHaveLength(2);
    expect(kept.missed).toBeDefined();
    expect(
      Object.values(kept)
        .map((c) => c.status)
        .sort(),
    ).toEqual(['missed', 'pending']);
  });
});

describe('sameData', () => {
  it('compares stored data whatever the order of keys, and nothing else', () => {
    expect(sameData({ a: 1, b: { c: [1, { d: 2 }] } }, { b: { c: [1, { d: 2 }] }, a: 1 })).toBe(true);
    expect(sameData({ a: 1, gone: undefined }, { a: 1 })).toBe(true);
    expect(sameData({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameData({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameData({ a: [] }, { a: {} })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameData(undefined, {})).toBe(false);
    expect(sameData(null, null)).toBe(true);
  });
});
