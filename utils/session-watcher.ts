import { browser, type Browser } from 'wxt/browser';
import { defineStorageItem } from './storage-item';
import {
  applyTabEvent,
  nextDueAt,
  normalizeTrackerState,
  type EndedSession,
  type TabEvent,
  type TrackerEffect,
  type TrackerState,
} from './session-tracker';
import { hostPermissionPatterns, type SiteDefinition } from './sites';
import { checkInsItem, trackerStateItem, type CheckIn } from './storage-items';
import { openCheckInWindow } from './check-in-window';
import { getSettings, type Settings } from './settings';
import { enabledSites, followUpDueAt, promptRules } from './detection-rules';
import { siteDisplayName } from './site-names';
import {
  clearCheckInNotification,
  sessionIdFromNotification,
  showCheckInNotification,
} from './check-in-notification';

export const GRACE_ALARM = 'aftercare-grace';
export const FOLLOW_UP_ALARM = 'aftercare-follow-up';

export interface SessionWatcherDeps {
  now: () => number;
  newId: () => string;
  openCheckIn: (sessionId?: string) => Promise<void>;
  getSettings: () => Promise<Settings>;
  /** Whether the browser still gives Aftercare access to this site. */
  hasAccess: (site: SiteDefinition) => Promise<boolean>;
  /** How many check-ins wait quietly (0 clears the mark on the toolbar icon). */
  showWaiting: (count: number) => Promise<void>;
  /** Sets (or, with null, clears) a named alarm; alarms survive the worker stopping. */
  setAlarm: (name: string, when: number | null) => Promise<void>;
  /** Offers a check-in by a quiet notification; false when the browser would not show one. */
  notify: (session: EndedSession, settings: Settings) => Promise<boolean>;
  clearNotification: (sessionId: string) => Promise<void>;
}

/**
 * Set in `storage.session`, which the browser empties when it restarts: when it is missing, this is
 * the first event since the browser (re)started, whichever event that happens to be (a pending
 * alarm may well fire before `runtime.onStartup`).
 */
const browserRunItem = defineStorageItem<boolean>('session:browser-run-seen', { fallback: false });

const defaultDeps: SessionWatcherDeps = {
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
  openCheckIn: openCheckInWindow,
  getSettings,
  hasAccess: (site) => browser.permissions.contains({ origins: hostPermissionPatterns(site) }),
  showWaiting: async (count) => {
    await browser.action.setBadgeText({ text: count > 0 ? String(count) : '' });
    if (count > 0) await browser.action.setBadgeBackgroundColor({ color: '#2f6f62' });
  },
  setAlarm: async (name, when) => {
    if (when === null) await browser.alarms.clear(name);
    else await browser.alarms.create(name, { when });
  },
  notify: showCheckInNotification,
  clearNotification: clearCheckInNotification,
};

export function waitingCount(checkIns: Record<string, CheckIn>): number {
  return Object.values(checkIns).filter(
    (checkIn) => checkIn.status === 'waiting' || checkIn.followUp?.status === 'due',
  ).length;
}

/**
 * Translates browser events into session-tracker events. State is read from and written back
 * to storage.local on every event, so a worker that was stopped mid-call picks up exactly where it
 * left off; grace periods and follow-ups are browser alarms, which survive the worker too. Events
 * are processed one at a time: two close events for the same tab, or a close racing a navigation,
 * can never both see the session and prompt twice.
 */
export function createSessionWatcher(overrides: Partial<SessionWatcherDeps> = {}) {
  const deps = { ...defaultDeps, ...overrides };
  let queue: Promise<unknown> = Promise.resolve();

  async function watchedSites(settings: Settings): Promise<SiteDefinition[]> {
    const sites = enabledSites(settings.detection);
    const access = await Promise.all(sites.map((site) => deps.hasAccess(site).catch(() => false)));
    return sites.filter((_site, index) => access[index]);
  }

  async function process(event: TabEvent): Promise<void> {
    // Everything an event may need, read at once: every round trip here is one more before the
    // check-in window opens.
    const [settings, stored, runSeen, checkIns] = await Promise.all([
      deps.getSettings(),
      trackerStateItem.getValue(),
      browserRunItem.getValue(),
      checkInsItem.getValue(),
    ]);
    const context = {
      sites: await watchedSites(settings),
      newId: deps.newId,
      rules: promptRules(settings.detection),
    };
    let state: TrackerState = normalizeTrackerState(stored);
    const effects: TrackerEffect[] = [];
    if (!runSeen) {
      const restarted = applyTabEvent(state, { type: 'browser-started', at: event.at }, context);
      state = restarted.state;
      effects.push(...restarted.effects);
      await browserRunItem.setValue(true);
    }
    const result = applyTabEvent(state, event, context);
    state = result.state;
    effects.push(...result.effects);
    // Write only real changes: most tab events concern no session, and after "delete everything"
    // an unrelated tab event must not bring an (empty) record back.
    // (An absent record reads as the empty fallback, so it stays absent until a session starts.)
    const changed = JSON.stringify(state) !== JSON.stringify(normalizeTrackerState(stored));

    // The check-ins of the sessions that just ended, decided before anything is written.
    const askMode = settings.detection.askMode;
    const added: CheckIn[] = [];
    let next = checkIns;
    for (const effect of effects) {
      if (effect.type !== 'session-ended') continue;
      const { session, outcome } = effect;
      if (outcome !== 'prompt' && outcome !== 'kept' && outcome !== 'missed') continue;
      if (next[session.id]) continue;
      const asked = session.reason === 'finished-by-user' || askMode === 'window';
      const record: CheckIn = {
        session,
        status: outcome !== 'prompt' ? 'missed' : asked ? 'pending' : 'waiting',
        siteName: siteDisplayName(session.siteId, settings.detection.customSites),
      };
      const followUpAt =
        outcome === 'prompt' ? followUpDueAt(settings.detection.followUp, session.endedAt) : null;
      if (followUpAt !== null) record.followUp = { dueAt: followUpAt, status: 'scheduled' };
      next = { ...next, [session.id]: record };
      added.push(record);
    }

    // The tracker and the new check-ins land in one write (all or nothing; both live in
    // storage.local), and before any window opens: the check-in window reads its record as it opens.
    const writes = {
      ...(changed && trackerStateItem.entries(state)),
      ...(added.length && checkInsItem.entries(next)),
    };
    await Promise.all([
      Object.keys(writes).length ? browser.storage.local.set(writes) : undefined,
      deps.setAlarm(GRACE_ALARM, nextDueAt(state)),
    ]);
    await Promise.all([
      ...effects.map((effect) => (effect.type === 'check-in-requested' ? deps.openCheckIn() : undefined)),
      ...added.map(({ session, status }) =>
        status === 'pending'
          ? deps.openCheckIn(session.id)
          : // The notification only points at the check-in that waits in the popup: if the browser
            // will not show it (permission taken back), the mark on the icon still says it is there.
            status === 'waiting' && askMode === 'notification'
            ? deps.notify(session, settings).catch(() => false)
            : undefined,
      ),
      added.length ? scheduleFollowUps(next) : undefined,
      added.length ? deps.showWaiting(waitingCount(next)) : undefined,
    ]);
  }

  async function scheduleFollowUps(checkIns: Record<string, CheckIn>): Promise<void> {
    const due = Object.values(checkIns)
      .filter((checkIn) => checkIn.followUp?.status === 'scheduled')
      .map((checkIn) => checkIn.followUp!.dueAt);
    await deps.setAlarm(FOLLOW_UP_ALARM, due.length ? Math.min(...due) : null);
  }

  /** Follow-ups never open anything: they wait quietly in the popup, with a mark on the icon. */
  async function settleFollowUps(): Promise<void> {
    const at = deps.now();
    const checkIns = await checkInsItem.getValue();
    const next: Record<string, CheckIn> = {};
    for (const [id, checkIn] of Object.entries(checkIns)) {
      next[id] =
        checkIn.followUp?.status === 'scheduled' && checkIn.followUp.dueAt <= at
          ? { ...checkIn, followUp: { ...checkIn.followUp, status: 'due' } }
          : checkIn;
    }
    await checkInsItem.setValue(next);
    await scheduleFollowUps(next);
    await deps.showWaiting(waitingCount(next));
  }

  function enqueue(work: () => Promise<void>): Promise<void> {
    const next = queue.then(work);
    queue = next.catch((error: unknown) => console.error('Aftercare: session event failed', error));
    return next;
  }

  const handle = (event: TabEvent): Promise<void> => enqueue(() => process(event));

  const watcher = {
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
    onAlarm(alarm: Browser.alarms.Alarm) {
      if (alarm.name === GRACE_ALARM) void handle({ type: 'timer', at: deps.now() });
      if (alarm.name === FOLLOW_UP_ALARM) void enqueue(settleFollowUps);
    },
    onPermissionsRemoved() {
      void handle({ type: 'sites-changed', at: deps.now() });
    },
    onCommand(command: string) {
      if (command === 'finished-session') void handle({ type: 'finished-by-user', at: deps.now() });
    },
    finishedByUser: () => handle({ type: 'finished-by-user', at: deps.now() }),
    setIntention: (sessionId: string, text: string) =>
      handle({ type: 'set-intention', sessionId, text, at: deps.now() }),
    /** Opens a check-in that was kept for later, and marks it as taken. */
    takeCheckIn: (sessionId: string) =>
      enqueue(async () => {
        const checkIns = await checkInsItem.getValue();
        const checkIn = checkIns[sessionId];
        if (!checkIn) return;
        const taken: CheckIn = {
          ...checkIn,
          status: checkIn.status === 'done' ? 'done' : 'pending',
          ...(checkIn.followUp?.status === 'due'
            ? { followUp: { ...checkIn.followUp, status: 'done' } }
            : {}),
        };
        const next = { ...checkIns, [sessionId]: taken };
        await checkInsItem.setValue(next);
        await deps.showWaiting(waitingCount(next));
        await deps.clearNotification(sessionId).catch(() => undefined);
        await deps.openCheckIn(sessionId);
      }),
    /** The user let a kept check-in go: it leaves the popup's list. */
    dismissCheckIn: (sessionId: string) =>
      enqueue(async () => {
        const checkIns = await checkInsItem.getValue();
        const checkIn = checkIns[sessionId];
        if (!checkIn) return;
        const letGo: CheckIn = {
          ...checkIn,
          status: checkIn.status === 'done' ? 'done' : 'dismissed',
          ...(checkIn.followUp ? { followUp: { ...checkIn.followUp, status: 'done' } } : {}),
        };
        const next = { ...checkIns, [sessionId]: letGo };
        await checkInsItem.setValue(next);
        await deps.showWaiting(waitingCount(next));
        await deps.clearNotification(sessionId).catch(() => undefined);
      }),
    /** A click on one of our notifications opens the check-in window for that session. */
    onNotificationClicked(notificationId: string) {
      const sessionId = sessionIdFromNotification(notificationId);
      if (sessionId) void watcher.takeCheckIn(sessionId);
    },
    /** The mark on the icon follows the check-ins, whoever changed them (the check-in page too). */
    onCheckInsChanged(checkIns: Record<string, CheckIn> | null) {
      void deps.showWaiting(waitingCount(checkIns ?? {})).catch(() => undefined);
    },
  };
  return watcher;
}

export type SessionWatcher = ReturnType<typeof createSessionWatcher>;

/** Registers every listener synchronously, as MV3 requires for the worker to be woken by them. */
export function registerSessionWatcher(watcher: SessionWatcher = createSessionWatcher()): SessionWatcher {
  browser.tabs.onUpdated.addListener(watcher.onTabUpdated);
  browser.tabs.onRemoved.addListener(watcher.onTabRemoved);
  browser.runtime.onStartup.addListener(watcher.onBrowserStarted);
  browser.alarms.onAlarm.addListener(watcher.onAlarm);
  // Not every browser (or test double) has these; without them the rest still works.
  browser.permissions?.onRemoved?.addListener(watcher.onPermissionsRemoved);
  browser.commands?.onCommand?.addListener(watcher.onCommand);
  // `notifications` is optional: its API exists only once granted. A worker that started before
  // the user allowed it adds the listener when the permission arrives; every later worker start
  // adds it here, in the first turn, so a click on a notification wakes the worker.
  const listenForNotificationClicks = () => {
    const onClicked = browser.notifications?.onClicked;
    if (onClicked && !onClicked.hasListener(watcher.onNotificationClicked)) {
      onClicked.addListener(watcher.onNotificationClicked);
    }
  };
  listenForNotificationClicks();
  browser.permissions?.onAdded?.addListener(listenForNotificationClicks);
  checkInsItem.watch(watcher.onCheckInsChanged);
  return watcher;
}
