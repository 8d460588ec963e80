import { classifyUrl, type SiteDefinition } from './sites';

/**
 * The session state machine: tab events in, sessions out. Pure: no browser calls, no clock, no
 * randomness (the caller passes the time, the rules and an id maker), so every transition is a
 * unit test.
 *
 * A tab that moves away from the call without saying so is not over at once: it waits out a grace
 * period, because calls drop (the site reloads, shows an error page, goes back to its lobby) and
 * people rejoin. Coming back to the same site in time continues the same session (and it remembers
 * that it dropped, for the wording). Closing the tab and reaching a "you left" page are deliberate:
 * they end a session straight away, so the check-in is there the moment the call is over.
 */

export interface ActiveSession {
  id: string;
  tabId: number;
  siteId: string;
  startedAt: number;
  /** How often the session dropped and came back within the grace period. */
  drops: number;
  /** What the user wanted or needed from this session, when they wrote it down. */
  intention?: string;
}

export type EndReason =
  'tab-closed' | 'navigated-away' | 'ended-page' | 'browser-restarted' | 'finished-by-user';

export interface EndedSession {
  id: string;
  siteId: string;
  startedAt: number;
  endedAt: number;
  reason: EndReason;
  /** The session dropped at least once (the check-in can say "the call dropped"). */
  dropped: boolean;
  intention?: string;
}

/** A session that stopped without an explicit end, waiting to see whether the user comes back. */
export interface PendingEnd {
  session: ActiveSession;
  endedAt: number;
  reason: EndReason;
  dueAt: number;
}

export interface TrackerState {
  /** Sessions in progress, keyed by tab id. */
  active: Record<string, ActiveSession>;
  /** Sessions in their grace period, keyed by session id. */
  pendingEnds: Record<string, PendingEnd>;
  /** When a check-in was last offered, for the cooldown. */
  lastPromptAt: number | null;
  /** Sessions already ended, newest last: an event that arrives twice can never end one twice. */
  endedIds: string[];
}

export const emptyTrackerState = (): TrackerState => ({
  active: {},
  pendingEnds: {},
  lastPromptAt: null,
  endedIds: [],
});

const ENDED_IDS_KEPT = 100;
export const INTENTION_MAX_LENGTH = 280;

/** Brings a stored state of any earlier shape (version 1 had only `active`) to the current one. */
export function normalizeTrackerState(raw: unknown): TrackerState {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<TrackerState>;
  const active: Record<string, ActiveSession> = {};
  for (const [key, session] of Object.entries(value.active ?? {})) {
    active[key] = { ...session, drops: session.drops ?? 0 };
  }
  return {
    active,
    pendingEnds: value.pendingEnds ?? {},
    lastPromptAt: value.lastPromptAt ?? null,
    endedIds: value.endedIds ?? [],
  };
}

export type TabEvent =
  /** A tab's URL changed. `url` is null when the tab went somewhere we may not see. */
  | { type: 'tab-url'; tabId: number; url: string | null; at: number }
  | { type: 'tab-closed'; tabId: number; at: number }
  /**
   * Aftercare runs anew: the browser started, or the extension was updated or reloaded (a call may
   * have gone on meanwhile). `openTabs`: the tabs of the sessions in progress that are open now,
   * with the address each shows (null when it cannot be seen).
   */
  | { type: 'run-started'; at: number; openTabs: Record<string, string | null> }
  /** A timer fired (or the worker woke for anything): grace periods that are over end now. */
  | { type: 'timer'; at: number }
  /** "I just finished a session", from the popup or the keyboard shortcut. */
  | { type: 'finished-by-user'; at: number }
  | { type: 'set-intention'; sessionId: string; text: string; at: number }
  /** Watched sites changed (a permission was removed, a site turned off): stop watching them. */
  | { type: 'sites-changed'; at: number };

/**
 * What the user gets for an ended session:
 * - `prompt`: a check-in is offered now.
 * - `kept`: offered quietly, to take later (quiet hours, or a check-in was offered a moment ago).
 * - `missed`: the browser closed mid-session; kept to take later, never a pop-up at startup.
 * - `too-short`, `snoozed`, `unwatched` (the site was turned off or its access removed): nothing.
 */
export type SessionOutcome = 'prompt' | 'kept' | 'missed' | 'too-short' | 'snoozed' | 'unwatched';

export type TrackerEffect =
  | { type: 'session-started'; session: ActiveSession }
  | { type: 'session-resumed'; session: ActiveSession }
  | { type: 'session-ended'; session: EndedSession; outcome: SessionOutcome }
  /** The user asked for a check-in while no session was going on. */
  | { type: 'check-in-requested' };

export interface PromptRules {
  graceMs: number;
  cooldownMs: number;
  /** Overrides the site's minimum when not null. */
  minSessionMs: number | null;
  quietHours: { enabled: boolean; startMinute: number; endMinute: number };
  snoozedUntil: number | null;
  /** Minutes since local midnight at a given time (the caller knows the time zone). */
  minuteOfDay: (at: number) => number;
}

export const NO_RULES: PromptRules = {
  graceMs: 0,
  cooldownMs: 0,
  minSessionMs: null,
  quietHours: { enabled: false, startMinute: 0, endMinute: 0 },
  snoozedUntil: null,
  minuteOfDay: () => 0,
};

export interface TrackerContext {
  /** The sites being watched right now: turned on and with access. */
  sites: readonly SiteDefinition[];
  newId: () => string;
  rules?: PromptRules;
}

export interface TrackerResult {
  state: TrackerState;
  effects: TrackerEffect[];
}

export function isQuietTime(minute: number, quiet: PromptRules['quietHours']): boolean {
  if (!quiet.enabled || quiet.startMinute === quiet.endMinute) return false;
  return quiet.startMinute < quiet.endMinute
    ? minute >= quiet.startMinute && minute < quiet.endMinute
    : minute >= quiet.startMinute || minute < quiet.endMinute;
}

/** The earliest time a grace period ends, for the caller's alarm. */
export function nextDueAt(state: TrackerState): number | null {
  const due = Object.values(state.pendingEnds).map((pending) => pending.dueAt);
  return due.length ? Math.min(...due) : null;
}

/** A working copy: each transition below changes it and records effects. */
class Step {
  effects: TrackerEffect[] = [];
  state: TrackerState;
  constructor(
    before: TrackerState,
    readonly context: TrackerContext,
    readonly rules: PromptRules,
  ) {
    this.state = {
      active: { ...before.active },
      pendingEnds: { ...before.pendingEnds },
      lastPromptAt: before.lastPromptAt,
      endedIds: before.endedIds,
    };
  }

  site(siteId: string): SiteDefinition | undefined {
    return this.context.sites.find((site) => site.id === siteId);
  }

  decide(session: ActiveSession, endedAt: number, reason: EndReason, at: number): SessionOutcome {
    const site = this.site(session.siteId);
    if (!site) return 'unwatched';
    if (reason === 'browser-restarted') return 'missed';
    if (reason === 'finished-by-user') return 'prompt';
    const minimumMs = this.rules.minSessionMs ?? site.minSessionSeconds * 1000;
    if (endedAt - session.startedAt < minimumMs) return 'too-short';
    if (this.rules.snoozedUntil !== null && at < this.rules.snoozedUntil) return 'snoozed';
    if (isQuietTime(this.rules.minuteOfDay(at), this.rules.quietHours)) return 'kept';
    const last = this.state.lastPromptAt;
    if (last !== null && at - last < this.rules.cooldownMs) return 'kept';
    return 'prompt';
  }

  /** Ends a session for good, once. `at` is now; `endedAt` is when it stopped. */
  finish(
    session: ActiveSession,
    endedAt: number,
    reason: EndReason,
    at: number,
    forced?: SessionOutcome,
  ): void {
    delete this.state.pendingEnds[session.id];
    if (this.state.endedIds.includes(session.id)) return;
    const outcome = forced ?? this.decide(session, endedAt, reason, at);
    this.state.endedIds = [...this.state.endedIds, session.id].slice(-ENDED_IDS_KEPT);
    if (outcome === 'prompt') this.state.lastPromptAt = at;
    const ended: EndedSession = {
      id: session.id,
      siteId: session.siteId,
      startedAt: session.startedAt,
      endedAt,
      reason,
      dropped: session.drops > 0,
      ...(session.intention ? { intention: session.intention } : {}),
    };
    this.effects.push({ type: 'session-ended', session: ended, outcome });
  }

  /** A session stopped: a deliberate end finishes it; anything else waits out the grace period. */
  stop(session: ActiveSession, reason: EndReason, at: number): void {
    delete this.state.active[String(session.tabId)];
    const deliberate = reason === 'ended-page' || reason === 'tab-closed';
    if (deliberate || this.rules.graceMs <= 0 || !this.site(session.siteId)) {
      this.finish(session, at, reason, at);
      return;
    }
    this.state.pendingEnds[session.id] = { session, endedAt: at, reason, dueAt: at + this.rules.graceMs };
  }

  settleDue(at: number): void {
    const due = Object.values(this.state.pendingEnds)
      .filter((pending) => pending.dueAt <= at)
      .sort((a, b) => a.dueAt - b.dueAt);
    for (const pending of due) this.finish(pending.session, pending.endedAt, pending.reason, at);
  }

  /** Ends everything that is not watched any more, silently. */
  dropUnwatched(at: number): void {
    for (const session of Object.values(this.state.active)) {
      if (!this.site(session.siteId)) {
        delete this.state.active[String(session.tabId)];
        this.finish(session, at, 'navigated-away', at, 'unwatched');
      }
    }
    for (const pending of Object.values(this.state.pendingEnds)) {
      if (!this.site(pending.session.siteId))
        this.finish(pending.session, pending.endedAt, pending.reason, at, 'unwatched');
    }
  }

  start(tabId: number, siteId: string, at: number): void {
    // Back on the same site within the grace period: the same session, continued.
    const waiting = Object.values(this.state.pendingEnds)
      .filter((pending) => pending.session.siteId === siteId)
      .sort((a, b) => b.endedAt - a.endedAt)[0];
    if (waiting) {
      delete this.state.pendingEnds[waiting.session.id];
      const resumed: ActiveSession = { ...waiting.session, tabId, drops: waiting.session.drops + 1 };
      this.state.active[String(tabId)] = resumed;
      this.effects.push({ type: 'session-resumed', session: resumed });
      return;
    }
    const started: ActiveSession = { id: this.context.newId(), tabId, siteId, startedAt: at, drops: 0 };
    this.state.active[String(tabId)] = started;
    this.effects.push({ type: 'session-started', session: started });
  }
}

export function applyTabEvent(before: TrackerState, event: TabEvent, context: TrackerContext): TrackerResult {
  const step = new Step(before, context, context.rules ?? NO_RULES);
  const { state } = step;

  if (event.type === 'run-started') {
    // Nothing pops up at startup: whatever was going on, or waiting out its grace, is kept to take
    // later. Only a tab still in the same site's call goes on (the browser did not restart, the
    // extension did): tab ids from an earlier run of the browser mean nothing, and one that happens
    // to match shows some other page.
    for (const session of Object.values(state.active)) {
      const place = classifyUrl(event.openTabs[String(session.tabId)] ?? undefined, context.sites);
      if (place?.phase === 'session' && place.siteId === session.siteId) continue;
      delete state.active[String(session.tabId)];
      step.finish(session, event.at, 'browser-restarted', event.at);
    }
    for (const pending of Object.values(state.pendingEnds)) {
      step.finish(
        pending.session,
        pending.endedAt,
        pending.reason,
        event.at,
        step.site(pending.session.siteId) ? 'missed' : 'unwatched',
      );
    }
    return { state, effects: step.effects };
  }

  step.settleDue(event.at);

  switch (event.type) {
    case 'timer':
      break;
    case 'sites-changed':
      step.dropUnwatched(event.at);
      break;
    case 'set-intention': {
      const text = event.text.trim().slice(0, INTENTION_MAX_LENGTH);
      const session =
        Object.values(state.active).find((candidate) => candidate.id === event.sessionId) ??
        state.pendingEnds[event.sessionId]?.session;
      if (!session) break;
      const updated: ActiveSession = { ...session };
      if (text) updated.intention = text;
      else delete updated.intention;
      if (state.active[String(session.tabId)]?.id === session.id)
        state.active[String(session.tabId)] = updated;
      const pending = state.pendingEnds[session.id];
      if (pending) state.pendingEnds[session.id] = { ...pending, session: updated };
      break;
    }
    case 'finished-by-user': {
      // Whatever is going on or waiting out its grace ends now; the newest one gets the check-in,
      // any others are kept to take later.
      const candidates = [
        ...Object.values(state.pendingEnds).map((pending) => ({
          session: pending.session,
          endedAt: pending.endedAt,
          reason: pending.reason,
        })),
        ...Object.values(state.active).map((session) => ({
          session,
          endedAt: event.at,
          reason: 'finished-by-user' as EndReason,
        })),
      ].filter((candidate) => step.site(candidate.session.siteId));
      state.active = Object.fromEntries(
        Object.entries(state.active).filter(([, session]) => !step.site(session.siteId)),
      );
      if (!candidates.length) {
        state.lastPromptAt = event.at;
        step.effects.push({ type: 'check-in-requested' });
        break;
      }
      candidates.sort((a, b) => b.session.startedAt - a.session.startedAt);
      candidates.forEach((candidate, index) =>
        step.finish(
          candidate.session,
          candidate.endedAt,
          candidate.reason,
          event.at,
          index === 0 ? 'prompt' : 'kept',
        ),
      );
      break;
    }
    case 'tab-closed': {
      const current = state.active[String(event.tabId)];
      if (current) step.stop(current, 'tab-closed', event.at);
      break;
    }
    case 'tab-url': {
      const current = state.active[String(event.tabId)];
      const place = classifyUrl(event.url ?? undefined, context.sites);
      const inSession = place?.phase === 'session';
      // Still in the same site's session (for example a query string changed): nothing happened.
      if (current && inSession && place.siteId === current.siteId) break;
      if (current) step.stop(current, place?.phase === 'ended' ? 'ended-page' : 'navigated-away', event.at);
      else if (place?.phase === 'ended') {
        // The "you left" page right after a drop: the session this tab was waiting on ends now.
        const waiting = Object.values(state.pendingEnds).find(
          (pending) => pending.session.tabId === event.tabId && pending.session.siteId === place.siteId,
        );
        if (waiting) step.finish(waiting.session, waiting.endedAt, 'ended-page', event.at);
      }
      if (inSession) step.start(event.tabId, place.siteId, event.at);
      break;
    }
  }
  step.dropUnwatched(event.at);
  return { state, effects: step.effects };
}
