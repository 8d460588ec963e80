import { browser, type Browser } from 'wxt/browser';
import { applyTabEvent, type TabEvent, type TrackerEffect } from './session-tracker';
import { PRESET_SITES, type SiteDefinition } from './sites';
import { checkInsItem, trackerStateItem } from './storage-items';
import { openCheckInWindow } from './check-in-window';

export interface SessionWatcherDeps {
  sites: readonly SiteDefinition[];
  now: () => number;
  newId: () => string;
  openCheckIn: (sessionId: string) => Promise<void>;
}

const defaultDeps: SessionWatcherDeps = {
  sites: PRESET_SITES,
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
  openCheckIn: openCheckInWindow,
};

/**
 * Translates browser tab events into session-tracker events. State is read from and written back
 * to storage.local on every event, so a worker that was stopped mid-call picks up exactly where it
 * left off. Events are processed one at a time: two close events for the same tab, or a close
 * racing a navigation, can never both see the session and prompt twice.
 */
export function createSessionWatcher(overrides: Partial<SessionWatcherDeps> = {}) {
  const deps = { ...defaultDeps, ...overrides };
  let queue: Promise<unknown> = Promise.resolve();

  async function process(event: TabEvent): Promise<void> {
    const before = await trackerStateItem.getValue();
    const { state, effects } = applyTabEvent(before, event, deps);
    if (state !== before) await trackerStateItem.setValue(state);
    for (const effect of effects) await runEffect(effect);
  }

  async function runEffect(effect: TrackerEffect): Promise<void> {
    if (effect.type !== 'session-ended' || effect.outcome === 'too-short') return;
    const checkIns = await checkInsItem.getValue();
    if (checkIns[effect.session.id]) return;
    const status = effect.outcome === 'missed' ? 'missed' : 'pending';
    await checkInsItem.setValue({ ...checkIns, [effect.session.id]: { session: effect.session, status } });
    if (effect.outcome === 'prompt') await deps.openCheckIn(effect.session.id);
  }

  function handle(event: TabEvent): Promise<void> {
    const next = queue.then(() => process(event));
    queue = next.catch((error: unknown) => console.error('Aftercare: session event failed', error));
    return next;
  }

  return {
    handle,
    /** Resolves when every event handed in so far has been processed. */
    idle: () => queue.then(() => undefined),
    onTabUpdated(tabId: number, changeInfo: Browser.tabs.OnUpdatedInfo, tab: Browser.tabs.Tab) {
      // Without the `tabs` permission a URL is only visible on sites the user granted. A tab that
      // starts loading with no visible URL has gone somewhere else, which ends a session there.
      if (changeInfo.url !== undefined || changeInfo.status === 'loading') {
        void handle({ type: 'tab-url', tabId, url: changeInfo.url ?? tab.url ?? null, at: deps.now() });
      }
    },
    onTabRemoved(tabId: number) {
      void handle({ type: 'tab-closed', tabId, at: deps.now() });
    },
    onBrowserStarted() {
      void handle({ type: 'browser-started', at: deps.now() });
    },
  };
}

export type SessionWatcher = ReturnType<typeof createSessionWatcher>;

/** Registers every listener synchronously, as MV3 requires for the worker to be woken by them. */
export function registerSessionWatcher(watcher: SessionWatcher = createSessionWatcher()): SessionWatcher {
  browser.tabs.onUpdated.addListener(watcher.onTabUpdated);
  browser.tabs.onRemoved.addListener(watcher.onTabRemoved);
  browser.runtime.onStartup.addListener(watcher.onBrowserStarted);
  return watcher;
}
