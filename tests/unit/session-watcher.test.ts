import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSessionWatcher, registerSessionWatcher } from '@/utils/session-watcher';
import { checkInsItem, trackerStateItem } from '@/utils/storage-items';

const CALL = 'http://127.0.0.1:4173/call/practice-room';

function setup() {
  let now = 1_000;
  let id = 0;
  const openCheckIn = vi.fn(async (_sessionId?: string) => undefined);
  const watcher = registerSessionWatcher(
    createSessionWatcher({
      now: () => now,
      newId: () => `session-${++id}`,
      openCheckIn,
      hasAccess: async () => true,
      showWaiting: async () => undefined,
    }),
  );
  return { watcher, openCheckIn, advance: (ms: number) => (now += ms) };
}

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
  it('opens one check-in window when a call tab closes', async () => {
    const { watcher, openCheckIn, advance } = setup();
    const tab = await openTab('http://127.0.0.1:4173/');
    await fakeBrowser.tabs.update(tab.id!, { url: CALL });
    await watcher.idle();
    expect(Object.keys((await trackerStateItem.getValue()).active)).toEqual([String(tab.id)]);

    advance(120_000);
    await closeTab(tab);
    await watcher.idle();
    expect(openCheckIn).toHaveBeenCalledExactlyOnceWith('session-1');
    expect((await checkInsItem.getValue())['session-1']).toMatchObject({ status: 'pending' });
  });

  it('keeps the session in storage, so a restarted worker still knows about the call', async () => {
    const first = setup();
    const tab = await openTab(CALL);
    await first.watcher.idle();

    // A new worker: fresh listeners and memory, same storage.
    fakeBrowser.tabs.onRemoved.removeAllListeners();
    fakeBrowser.tabs.onUpdated.removeAllListeners();
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
    const { watcher, openCheckIn } = setup();
    const tab = await openTab(CALL);
    await watcher.idle();
    watcher.onTabRemoved(tab.id!);
    watcher.onTabRemoved(tab.id!);
    await watcher.idle();
    expect(openCheckIn).toHaveBeenCalledOnce();
  });
});
