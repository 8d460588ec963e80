import { browser, type Browser } from 'wxt/browser';
import { defineStorageItem } from '../shared/storage-item';
import {
  applyTabEvent,
  nextDueAt,
  normalizeTrackerState,
  type EndedSession,
  type SessionOutcome,
  type TabEvent,
  type TrackerEffect,
  type TrackerState,
} from './session-tracker';
import { hostPermissionPatterns, type SiteDefinition } from './sites';
import { checkInsItem, trackerStateItem, type CheckIn } from '../shared/storage-items';
import { learnPageLanguage, openCheckInWindow } from '../check-in/window';
import { getSettings, settingsItem, type Settings } from '../settings/settings';
import { enabledSites, followUpDueAt, promptRules } from './rules';
import { siteDisplayName } from './site-names';
import { draftIdFor } from '../check-in/draft-id';
import { hasDraft } from '../journal/existing-journal';
import {
  clearCheckInNotification,
  sessionIdFromNotification,
  showCheckInNotification,
} from '../check-in/notification';

export const GRACE_ALARM = 'aftercare-grace';
export const FOLLOW_UP_ALARM = 'aftercare-follow-up';

export interface SessionWatcherDeps {
  now: () => number;
  newId: () => string;
  /**
   * Opens the check-in window, about this session if given, in the neutral wording if chosen;
   * resolves with the window's id when the browser gives one.
   */
  openCheckIn: (sessionId?: string, neutral?: boolean) => Promise<number | undefined | void>;
  /** Whether the check-in of this session has a draft: words written and not yet saved. */
  hasDraft: (sessionId: string) => Promise<boolean>;
  /**
   * How long after a check-in window opens its id is noted: not while the browser is still
   * putting the window on screen (noted at once, the window painted 3 ms later at the median and
   * 5 ms at the p95: means of 5 rounds of 20, taking turns with the build before).
   */
  noteWindowAfterMs: number;
  /** Whether this window is still open. */
  windowOpen: (windowId: number) => Promise<boolean>;
  /** Which of these tabs are open, with the address each shows (null when it cannot be seen). */
  openTabs: (tabIds: number[]) => Promise<Record<string, string | null>>;
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
 * Set in `storage.session`, which the browser empties when it restarts and when the extension is
 * updated or reloaded: when it is missing, this is the first event of Aftercare's new run,
 * whichever event that happens to be (a pending alarm may well fire before `runtime.onStartup`).
 */
const browserRunItem = defineStorageItem<boolean>('session:browser-run-seen', { fallback: false });

/**
 * Each open check-in window, by its id: the session it is about. One key per window (nothing to
 * read before writing, no two writes racing), in `storage.session`, as window ids mean nothing
 * once the browser restarts.
 */
export const checkInWindowKey = (windowId: number) => `check-in-window:${windowId}`;

const defaultDeps: SessionWatcherDeps = {
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
  openCheckIn: openCheckInWindow,
  hasDraft: (sessionId) => hasDraft(draftIdFor(sessionId)),
  noteWindowAfterMs: 1_000,
  windowOpen: (windowId) =>
    browser.windows.get(windowId).then(
      () => true,
      () => false,
    ),
  openTabs: async (tabIds) => {
    const found = await Promise.all(
      tabIds.map((tabId) =>
        browser.tabs.get(tabId).then(
          (tab) => [[String(tabId), tab.url ?? null] as const],
          () => [],
        ),
      ),
    );
    return Object.fromEntries(found.flat());
  },
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

/**
 * How an ended session's check-in starts: `pending` opens the window now, `waiting` waits quietly
 * in the popup, `missed` (the browser closed mid-call) too, never popping up. Null: no check-in.
 */
export function checkInStatus(
  session: EndedSession,
  outcome: SessionOutcome,
  askMode: Settings['detection']['askMode'],
): CheckIn['status'] | null {
  if (outcome !== 'prompt' && outcome !== 'kept' && outcome !== 'missed') return null;
  if (outcome !== 'prompt') return 'missed';
  return session.reason === 'finished-by-user' || askMode === 'window' ? 'pending' : 'waiting';
}

/** Equal as stored data. Chrome's storage hands objects back with their keys sorted. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // Storage keeps no undefined values.
  const keys = Object.keys(x).filter((key) => x[key] !== undefined);
  return (
    keys.length === Object.keys(y).filter((key) => y[key] !== undefined).length &&
    keys.every((key) => sameData(x[key], y[key]))
  );
}

/**
 * What the last event was decided on, kept while the worker runs so the next event can open the
 * check-in window before anything is read, and a tab event that changes nothing needs no read at
 * all (`decideAhead`). A copy only: storage stays the record of truth, and every event that may
 * change anything is still read, decided and written as if there were no copy.
 */
interface Snapshot {
  settings: Settings;
  sites: SiteDefinition[];
  state: TrackerState;
}

/** How long a check-in that is over is kept after its session ended. */
export const SETTLED_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The check-ins without those over for a while: taken, let go, or offered and left, with nothing
 * waiting and no follow-up to come. Nothing lists or reads those, and when each call was is not
 * worth keeping for ever. The same object when nothing goes.
 */
export function withoutOldSettled(checkIns: Record<string, CheckIn>, now: number): Record<string, CheckIn> {
  const kept = Object.entries(checkIns).filter(
    ([, checkIn]) =>
      checkIn.status === 'waiting' ||
      checkIn.status === 'missed' ||
      (checkIn.followUp !== undefined && checkIn.followUp.status !== 'done') ||
      // (A record of some other shape is left as it is.)
      typeof checkIn.session?.endedAt !== 'number' ||
      now - checkIn.session.endedAt < SETTLED_KEPT_MS,
  );
  return kept.length === Object.keys(checkIns).length ? checkIns : Object.fromEntries(kept);
}

export function waitingCount(checkIns: Record<string, CheckIn>): number {
  return Object.values(checkIns).filter(
    (checkIn) => checkIn.status === 'waiting' || checkIn.followUp?.status === 'due',
  ).length;
}

/**
 * Translates browser events into session-tracker events. State is read from and written back
 * to storage.local on every event that may change it (see `decideAhead`), so a worker that was
 * stopped mid-call picks up exactly where it left off; grace periods and follow-ups are browser
 * alarms, which survive the worker too. Events are processed one at a time: two close events for
 * the same tab, or a close racing a navigation, can never both see the session and prompt twice.
 */
export function createSessionWatcher(overrides: Partial<SessionWatcherDeps> = {}) {
  const deps = { ...defaultDeps, ...overrides };
  let queue: Promise<unknown> = Promise.resolve();
  /** Events handed in and not yet processed. */
  let inFlight = 0;
  let snapshot: Snapshot | null = null;
  /** Bumped whenever something other than this watcher may have changed what a snapshot holds. */
  let changesElsewhere = 0;
  /** Sessions whose window opened ahead of their event being processed. */
  const openedAhead = new Set<string>();

  async function watchedSites(settings: Settings): Promise<SiteDefinition[]> {
    const sites = enabledSites(settings.detection);
    const access = await Promise.all(sites.map((site) => deps.hasAccess(site).catch(() => false)));
    return sites.filter((_site, index) => access[index]);
  }

  /**
   * Decides an event on the snapshot the moment it arrives, when nothing else is queued (the
   * snapshot is then what the event will be decided on) and nothing changed settings, sites or
   * sessions since. The check-in windows it will open are opened at once: reading storage right
   * after a tab closes can wait 10 to 20 ms on a browser busy closing it; the window need not.
   * A tab event that changes nothing, as most do (a page loads in some other tab, or in the
   * check-in window itself), is done: read and decided again it could only come out the same, so
   * it costs no reads while a window opens, nor on every page the user loads.
   * Returns whether the event still has to be read, decided and written.
   */
  function decideAhead(event: TabEvent): boolean {
    if (!snapshot || inFlight > 0) return true;
    const { settings, sites, state } = snapshot;
    // Sessions started here are thrown away: no id is taken from the real maker.
    const context = { sites, newId: () => '', rules: promptRules(settings.detection) };
    const { state: after, effects } = applyTabEvent(state, event, context);
    // Only tab events: a timer that fired must still set the next one.
    const tabEvent = event.type === 'tab-url' || event.type === 'tab-closed';
    if (tabEvent && effects.length === 0 && sameData(after, state)) return false;
    for (const effect of effects) {
      if (effect.type !== 'session-ended') continue;
      if (checkInStatus(effect.session, effect.outcome, settings.detection.askMode) !== 'pending') continue;
      openedAhead.add(effect.session.id);
      void openFor(effect.session.id, settings.reflection.neutralWording).catch((error: unknown) => {
        openedAhead.delete(effect.session.id);
        console.error('Aftercare: opening the check-in window failed', error);
      });
    }
    return true;
  }

  async function process(event: TabEvent): Promise<void> {
    const seen = changesElsewhere;
    // Everything an event may need, read at once: every round trip here is one more before the
    // check-in window opens.
    const [settings, stored, runSeen, checkIns] = await Promise.all([
      deps.getSettings(),
      trackerStateItem.getValue(),
      browserRunItem.getValue(),
      checkInsItem.getValue(),
      // The check-in page's language, without loading the message catalogue (check-in/window.ts).
      learnPageLanguage(),
    ]);
    const context = {
      sites: await watchedSites(settings),
      newId: deps.newId,
      rules: promptRules(settings.detection),
    };
    let state: TrackerState = normalizeTrackerState(stored);
    const effects: TrackerEffect[] = [];
    if (!runSeen) {
      const openTabs = await deps.openTabs(Object.values(state.active).map((session) => session.tabId));
      const restarted = applyTabEvent(state, { type: 'run-started', at: event.at, openTabs }, context);
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
    // Written only with new ones, so the old ones go then.
    let next = withoutOldSettled(checkIns, event.at);
    const ended = new Map<
      string,
      { session: EndedSession; outcome: SessionOutcome; status: CheckIn['status'] }
    >();
    for (const effect of effects) {
      if (effect.type !== 'session-ended') continue;
      const { session, outcome } = effect;
      const status = checkInStatus(session, outcome, askMode);
      if (status === null || next[session.id] || ended.has(session.id)) continue;
      ended.set(session.id, { session, outcome, status });
    }
    // Kept only if nothing else changed settings or sessions while this event was read and decided.
    snapshot = seen === changesElsewhere ? { settings, sites: context.sites, state } : null;

    // The check-in windows open first, as soon as they are decided: each waits for its record
    // (ReflectionApp.tsx: CHECK_IN_WAIT_MS), as a window opened ahead does. The write comes just
    // after: a browser busy closing the call's tab can take 10 ms and more to answer it.
    const ahead = new Set(openedAhead);
    openedAhead.clear();
    const opening = [...ended.values()].map(({ session, status }) =>
      status === 'pending' && !ahead.has(session.id)
        ? openFor(session.id, settings.reflection.neutralWording)
        : undefined,
    );
    const added = [...ended.values()].map(({ session, outcome, status }) => {
      const record: CheckIn = { session, status };
      // The check-in page has no site list: it finds the name here, but names the practice site
      // itself. Translated, that name would load the worker's message catalogue (4 to 7 ms in a
      // freshly started worker), and the write would wait on it behind the window's opening.
      if (session.siteId !== 'practice') {
        record.siteName = siteDisplayName(session.siteId, settings.detection.customSites);
      }
      const followUpAt =
        outcome === 'prompt' ? followUpDueAt(settings.detection.followUp, session.endedAt) : null;
      if (followUpAt !== null) record.followUp = { dueAt: followUpAt, status: 'scheduled' };
      next = { ...next, [session.id]: record };
      return record;
    });

    // The tracker and the new check-ins land in one write (all or nothing; both live in
    // storage.local).
    const writes = {
      ...(changed && trackerStateItem.entries(state)),
      ...(added.length && checkInsItem.entries(next)),
    };
    await Promise.all([
      Object.keys(writes).length ? browser.storage.local.set(writes) : undefined,
      deps.setAlarm(GRACE_ALARM, nextDueAt(state)),
      ...opening,
    ]);
    await Promise.all([
      ...effects.map((effect) =>
        effect.type === 'check-in-requested'
          ? deps.openCheckIn(undefined, settings.reflection.neutralWording)
          : undefined,
      ),
      ...added.map(({ session, status }) =>
        status === 'pending'
          ? undefined
          : // The notification only points at the check-in that waits in the popup: if the browser
            // will not show it (permission taken back), the mark on the icon still says it is there.
            status === 'waiting' && askMode === 'notification'
            ? deps.notify(session, settings).catch(() => false)
            : undefined,
      ),
      added.length ? scheduleFollowUps(next) : undefined,
      // The mark on the icon lasts only as long as the browser's run (or the extension's version):
      // the first event of a new run puts it back for the check-ins kept from before. Any change
      // to the check-ins sets it through the `check-ins` watch, new ones included.
      !runSeen && !added.length ? deps.showWaiting(waitingCount(next)) : undefined,
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
  }

  function enqueue(work: () => Promise<void>): Promise<void> {
    inFlight++;
    const next = queue.then(work).finally(() => inFlight--);
    queue = next.catch((error: unknown) => {
      // What failed may have been written in part: the next event reads everything afresh.
      snapshot = null;
      console.error('Aftercare: session event failed', error);
    });
    return next;
  }

  /**
   * Opens the check-in window about a session, and notes which window it is once it is on screen
   * (the worker, busy with an event, is kept running well past that). Failing to note it only
   * means the window's closing goes unnoticed, as before: it never counts as failing to open.
   */
  async function openFor(sessionId: string, neutral: boolean): Promise<void> {
    const windowId = await deps.openCheckIn(sessionId, neutral);
    if (typeof windowId !== 'number') return;
    setTimeout(() => {
      // A window closed within that second has nothing left to notice (nor to leave behind).
      void deps
        .windowOpen(windowId)
        .then((open) =>
          open ? browser.storage.session.set({ [checkInWindowKey(windowId)]: sessionId }) : undefined,
        )
        .catch((error: unknown) => console.error('Aftercare: noting the check-in window failed', error));
    }, deps.noteWindowAfterMs);
  }

  /**
   * A check-in window closed before its check-in was saved: if words were written, the check-in
   * is kept for later, in the popup, where taking it brings the words back. Without words it is
   * left as it was: closing the window is a plain "not now".
   */
  async function keepIfStarted(sessionId: string): Promise<void> {
    const checkIns = await checkInsItem.getValue();
    const checkIn = checkIns[sessionId];
    if (checkIn?.status !== 'pending' || !(await deps.hasDraft(sessionId))) return;
    const next = { ...checkIns, [sessionId]: { ...checkIn, status: 'waiting' as const, unfinished: true } };
    await checkInsItem.setValue(next);
  }

  const handle = (event: TabEvent): Promise<void> =>
    decideAhead(event) ? enqueue(() => process(event)) : Promise.resolve();

  /** Settings, sessions or site access changed outside the event being processed. */
  function changedElsewhere(): void {
    changesElsewhere++;
    snapshot = null;
  }

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
    /** Resolves once a closed check-in window's check-in is settled (for tests). */
    async onWindowRemoved(windowId: number): Promise<void> {
      const key = checkInWindowKey(windowId);
      const sessionId = (await browser.storage.session.get(key))[key];
      if (typeof sessionId !== 'string') return;
      await browser.storage.session.remove(key);
      await enqueue(() => keepIfStarted(sessionId));
    },
    /**
     * Wakes the worker as the browser starts, or as the extension is installed, updated or
     * reloaded. Aftercare's new run begins with its first event, this one or another; caught at
     * once, a call still going on in its tab is seen to go on (its session is not ended).
     */
    onRunStarted() {
      void handle({ type: 'timer', at: deps.now() });
    },
    onAlarm(alarm: Browser.alarms.Alarm) {
      if (alarm.name === GRACE_ALARM) void handle({ type: 'timer', at: deps.now() });
      if (alarm.name === FOLLOW_UP_ALARM) void enqueue(settleFollowUps);
    },
    onPermissionsRemoved() {
      changedElsewhere();
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
        await deps.clearNotification(sessionId).catch(() => undefined);
        await openFor(sessionId, (await deps.getSettings()).reflection.neutralWording);
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
        await deps.clearNotification(sessionId).catch(() => undefined);
      }),
    /** A click on one of our notifications opens the check-in window for that session. */
    onNotificationClicked(notificationId: string) {
      const sessionId = sessionIdFromNotification(notificationId);
      if (sessionId) void watcher.takeCheckIn(sessionId);
    },
    /**
     * Storage changed: the snapshot is dropped when settings changed, or when the sessions are no
     * longer the ones this watcher last decided on (everything deleted, or a settings import).
     */
    onStorageChanged(changes: Record<string, Browser.storage.StorageChange>, area: string) {
      if (area !== 'local') return;
      const tracker = changes[trackerStateItem.key];
      if (changes[settingsItem.key] || (tracker && !sameData(tracker.newValue, snapshot?.state))) {
        changedElsewhere();
      }
    },
    /** Site access was granted: the watched sites are read again with the next event. */
    onPermissionsAdded: changedElsewhere,
    /**
     * The mark on the icon follows the check-ins, whoever changed them: this worker, the check-in
     * page, the popup. It is set here alone (and at the start of a browser's run, in `process`).
     */
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
  browser.windows?.onRemoved?.addListener(watcher.onWindowRemoved);
  browser.runtime.onStartup.addListener(watcher.onRunStarted);
  browser.runtime.onInstalled.addListener(watcher.onRunStarted);
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
  browser.permissions?.onAdded?.addListener(watcher.onPermissionsAdded);
  browser.storage.onChanged.addListener(watcher.onStorageChanged);
  checkInsItem.watch(watcher.onCheckInsChanged);
  return watcher;
}
