import { classifyUrl, type SiteDefinition } from './sites';

/**
 * The session state machine: tab events in, sessions out. Pure: no browser calls, no clock, no
 * randomness (the caller passes the time and an id maker), so every transition is a unit test.
 */

export interface ActiveSession {
  id: string;
  tabId: number;
  siteId: string;
  startedAt: number;
}

export type EndReason = 'tab-closed' | 'navigated-away' | 'ended-page' | 'browser-restarted';

export interface EndedSession {
  id: string;
  siteId: string;
  startedAt: number;
  endedAt: number;
  reason: EndReason;
}

export interface TrackerState {
  /** Sessions in progress, keyed by tab id. */
  active: Record<string, ActiveSession>;
}

export const emptyTrackerState = (): TrackerState => ({ active: {} });

export type TabEvent =
  /** A tab's URL changed. `url` is null when the tab went somewhere we may not see. */
  | { type: 'tab-url'; tabId: number; url: string | null; at: number }
  | { type: 'tab-closed'; tabId: number; at: number }
  /** The browser itself (re)started: tab ids from before mean nothing now. */
  | { type: 'browser-started'; at: number };

export type TrackerEffect =
  | { type: 'session-started'; session: ActiveSession }
  /**
   * `outcome` says what the user should get: a prompt now, nothing (too short), or a missed
   * check-in they can take later (the browser closed mid-session: never pop up at startup).
   */
  | { type: 'session-ended'; session: EndedSession; outcome: 'prompt' | 'too-short' | 'missed' };

export interface TrackerContext {
  sites: readonly SiteDefinition[];
  newId: () => string;
}

export interface TrackerResult {
  state: TrackerState;
  effects: TrackerEffect[];
}

function endSession(
  session: ActiveSession,
  at: number,
  reason: EndReason,
  sites: readonly SiteDefinition[],
): TrackerEffect {
  const ended: EndedSession = {
    id: session.id,
    siteId: session.siteId,
    startedAt: session.startedAt,
    endedAt: at,
    reason,
  };
  if (reason === 'browser-restarted') return { type: 'session-ended', session: ended, outcome: 'missed' };
  const site = sites.find((candidate) => candidate.id === session.siteId);
  const minimumMs = (site?.minSessionSeconds ?? 0) * 1000;
  const outcome = at - session.startedAt < minimumMs ? 'too-short' : 'prompt';
  return { type: 'session-ended', session: ended, outcome };
}

export function applyTabEvent(state: TrackerState, event: TabEvent, context: TrackerContext): TrackerResult {
  if (event.type === 'browser-started') {
    const effects = Object.values(state.active).map((session) =>
      endSession(session, event.at, 'browser-restarted', context.sites),
    );
    return { state: emptyTrackerState(), effects };
  }

  const key = String(event.tabId);
  const current = state.active[key];
  const { [key]: _removed, ...others } = state.active;

  if (event.type === 'tab-closed') {
    if (!current) return { state, effects: [] };
    return {
      state: { active: others },
      effects: [endSession(current, event.at, 'tab-closed', context.sites)],
    };
  }

  const place = classifyUrl(event.url ?? undefined, context.sites);
  const inSession = place?.phase === 'session';

  if (current) {
    // Still in the same site's session (for example a query string changed): nothing happened.
    if (inSession && place.siteId === current.siteId) return { state, effects: [] };
    const reason: EndReason = place?.phase === 'ended' ? 'ended-page' : 'navigated-away';
    const effects: TrackerEffect[] = [endSession(current, event.at, reason, context.sites)];
    if (!inSession) return { state: { active: others }, effects };
    const next = startSession(event.tabId, place.siteId, event.at, context);
    effects.push({ type: 'session-started', session: next });
    return { state: { active: { ...others, [key]: next } }, effects };
  }

  if (!inSession) return { state, effects: [] };
  const started = startSession(event.tabId, place.siteId, event.at, context);
  return {
    state: { active: { ...state.active, [key]: started } },
    effects: [{ type: 'session-started', session: started }],
  };
}

function startSession(tabId: number, siteId: string, at: number, context: TrackerContext): ActiveSession {
  return { id: context.newId(), tabId, siteId, startedAt: at };
}
