import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GRACE_ALARM, createSessionWatcher, registerSessionWatcher } from '@/utils/session-watcher';
import { checkInsItem, trackerStateItem } from '@/utils/storage-items';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings';
import { siteDisplayName } from '@/utils/site-names';

const CALL = 'http://127.0.0.1:4173/call/practice-room';

let now = 1_000;

function setup(detection: Partial<Settings['detection']> = {}, access = { allowed: true }) {
  let id = 0;
  const openCheckIn = vi.fn(async (_sessionId?: string) => undefined);
  const showWaiting = vi.fn(async (_count: number) => undefined);
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    detection: { ...DEFAULT_SETTINGS.detection, graceSeconds: 5, ...detection },
  };
  const watcher = registerSessionWatcher(
    createSessionWatcher({
      now: () => now,
      newId: () => `session-${++id}`,
      openCheckIn,
      getSettings: async () => settings,
      hasAccess: async () => access.allowed,
      showWaiting,
    }),
  );
  return { watcher, openCheckIn, showWaiting, advance: (ms: number) => (now += ms) };
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
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1');
    expect(await fakeBrowser.alarms.get(GRACE_ALARM)).toBeUndefined();
    expect((await checkInsItem.getValue())['session-1']).toMatchObject({ status: 'pending' });
  });

  it('ends a session with one write holding both the tracker and the check-in, before the window opens', async () => {
    const { watcher, openCheckIn, advance } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    advance(120_000);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await closeTab(tab);
    await watcher.idle();
    const keys = set.mock.calls.map(([items]) => Object.keys(items).sort());
    const wroteAt = set.mock.invocationCallOrder[0]!;
    set.mockRestore();
    // All or nothing: a worker stopped mid-event never keeps an ended session without its check-in.
    expect(keys).toEqual([['check-ins', 'check-ins$', 'tracker-state', 'tracker-state$']]);
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1');
    expect(wroteAt).toBeLessThan(openCheckIn.mock.invocationCallOrder[0]!);
  });

  it('writes the site name on the check-in, so the check-in window needs no site list', async () => {
    const { watcher, advance } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    advance(120_000);
    await closeTab(tab);
    await watcher.idle();
    const { siteName } = (await checkInsItem.getValue())['session-1']!;
    expect(siteName).toBe(siteDisplayName('practice'));
    expect(siteName).not.toBe('practice');
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
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1');
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
    const { watcher, openCheckIn } = setup();
    await openTab(CALL);
    await watcher.idle();
    await fakeBrowser.runtime.onStartup.trigger();
    await watcher.idle();
    expect(openCheckIn).not.toHaveBeenCalled();
    expect(Object.values(await checkInsItem.getValue())).toMatchObject([{ status: 'missed' }]);
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
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1');
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
