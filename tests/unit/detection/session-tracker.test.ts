import { describe, expect, it } from 'vitest';
import {
  NO_RULES,
  applyTabEvent,
  emptyTrackerState,
  isQuietTime,
  nextDueAt,
  normalizeTrackerState,
  type PromptRules,
  type TabEvent,
  type TrackerEffect,
  type TrackerState,
} from '@/utils/detection/session-tracker';
import { PRACTICE_SITE, type SiteDefinition } from '@/utils/detection/sites';

const CALL = 'http://127.0.0.1:4173/call/practice-room';
const LOBBY = 'http://127.0.0.1:4173/';
const LEFT = 'http://127.0.0.1:4173/left';
const MIN = 60_000;

function run(
  events: TabEvent[],
  {
    sites = [PRACTICE_SITE],
    rules = NO_RULES,
    state: start = emptyTrackerState(),
  }: {
    sites?: readonly SiteDefinition[];
    rules?: Partial<PromptRules>;
    state?: TrackerState;
  } = {},
) {
  let id = 0;
  let state = start;
  const effects: TrackerEffect[] = [];
  for (const event of events) {
    const result = applyTabEvent(state, event, {
      sites,
      newId: () => `s${++id}`,
      rules: { ...NO_RULES, ...rules },
    });
    state = result.state;
    effects.push(...result.effects);
  }
  const ended = effects.flatMap((effect) => (effect.type === 'session-ended' ? [effect] : []));
  return { state, effects, ended, outcomes: ended.map((effect) => effect.outcome) };
}

const join = (at: number, tabId = 1): TabEvent => ({ type: 'tab-url', tabId, url: CALL, at });
const close = (at: number, tabId = 1): TabEvent => ({ type: 'tab-closed', tabId, at });
const timer = (at: number): TabEvent => ({ type: 'timer', at });
/** The call tab moves off the call without saying goodbye (a reload to the lobby, an error page). */
const away = (at: number, tabId = 1): TabEvent => ({ type: 'tab-url', tabId, url: LOBBY, at });

describe('the session tracker', () => {
  it('starts a session when a tab reaches a call URL', () => {
    const { state, effects } = run([join(1000)]);
    expect(effects).toEqual([
      {
        type: 'session-started',
        session: { id: 's1', tabId: 1, siteId: 'practice', startedAt: 1000, drops: 0 },
      },
    ]);
    expect(state.active['1']?.id).toBe('s1');
  });

  it('ends the session with a prompt when the call tab closes', () => {
    const { state, ended } = run([join(1000), close(61_000)]);
    expect(ended).toEqual([
      {
        type: 'session-ended',
        outcome: 'prompt',
        session: {
          id: 's1',
          siteId: 'practice',
          startedAt: 1000,
          endedAt: 61_000,
          reason: 'tab-closed',
          dropped: false,
        },
      },
    ]);
    expect(state.active).toEqual({});
    expect(state.lastPromptAt).toBe(61_000);
  });

  it('prompts once even when the close event arrives twice', () => {
    expect(run([join(0), close(5000), close(5001)]).ended).toHaveLength(1);
  });

  it('prompts once even when the same events are replayed on a saved state (a double worker wake)', () => {
    const first = run([join(0), close(5000)]);
    // The stored state already knows the session ended: a replayed close finds nothing to end.
    const again = run([close(5000), timer(99_000)], { state: first.state });
    expect(again.ended).toEqual([]);
  });

  it('ends the session on the "you left" page, straight away even with a grace period', () => {
    const { ended, state } = run([join(0), { type: 'tab-url', tabId: 1, url: LEFT, at: 5000 }], {
      rules: { graceMs: MIN },
    });
    expect(ended).toMatchObject([{ outcome: 'prompt', session: { reason: 'ended-page' } }]);
    expect(state.pendingEnds).toEqual({});
  });

  it('ends the session when the tab navigates somewhere we cannot see', () => {
    const { ended } = run([join(0), { type: 'tab-url', tabId: 1, url: null, at: 5000 }]);
    expect(ended).toMatchObject([{ session: { reason: 'navigated-away' } }]);
  });

  it('does nothing for a tab that never joined a call', () => {
    const { state, effects } = run([{ type: 'tab-url', tabId: 1, url: LOBBY, at: 0 }, close(5000)]);
    expect(effects).toEqual([]);
    expect(state.active).toEqual({});
  });

  it('keeps one session while the call URL only changes its query', () => {
    const { effects } = run([join(0), { type: 'tab-url', tabId: 1, url: `${CALL}?layout=grid`, at: 1000 }]);
    expect(effects).toHaveLength(1);
  });

  it('does not prompt for a session shorter than the site minimum', () => {
    const site = { ...PRACTICE_SITE, minSessionSeconds: 60 };
    expect(run([join(0), close(59_000)], { sites: [site] }).outcomes).toEqual(['too-short']);
    expect(run([join(0), close(60_000)], { sites: [site] }).outcomes).toEqual(['prompt']);
  });

  it('lets the minimum-length setting override the site minimum', () => {
    expect(run([join(0), close(4 * MIN)], { rules: { minSessionMs: 5 * MIN } }).outcomes).toEqual([
      'too-short',
    ]);
  });

  it('keeps a session cut off by a browser restart as a missed check-in, never a prompt', () => {
    const { state, ended } = run([join(0, 7), { type: 'run-started', at: 90_000, openTabs: {} }]);
    expect(ended).toMatchObject([{ outcome: 'missed', session: { reason: 'browser-restarted' } }]);
    expect(state.active).toEqual({});
  });

  it('lets a call go on when Aftercare restarts (an update) while its tab stays in the call', () => {
    const restart: TabEvent = { type: 'run-started', at: 90_000, openTabs: { '7': CALL } };
    const { state, ended, outcomes } = run([join(0, 7), restart, close(20 * MIN, 7)]);
    expect(outcomes).toEqual(['prompt']);
    expect(ended[0]!.session).toMatchObject({ startedAt: 0, endedAt: 20 * MIN, reason: 'tab-closed' });
    expect(state.active).toEqual({});
  });

  it('ends a session at a restart whose tab shows anything but its call, as missed', () => {
    // Another page, a page it may not see, the "you left" page, or a tab id from an earlier run
    // of the browser that now belongs to some other tab.
    for (const url of [LOBBY, null, LEFT, 'https://example.org/']) {
      const { state, outcomes } = run([
        join(0, 7),
        { type: 'run-started', at: 90_000, openTabs: { '7': url } },
      ]);
      expect(outcomes, String(url)).toEqual(['missed']);
      expect(state.active).toEqual({});
    }
  });

  it('ignores sites it was not given', () => {
    expect(run([{ type: 'tab-url', tabId: 1, url: 'https://example.org/call/abc', at: 0 }]).effects).toEqual(
      [],
    );
  });

  describe('with a grace period', () => {
    const rules = { graceMs: MIN };

    it('ends a session the moment its tab is closed, grace period or not', () => {
      const { ended, state } = run([join(0), close(10 * MIN)], { rules });
      expect(ended).toMatchObject([
        { outcome: 'prompt', session: { endedAt: 10 * MIN, reason: 'tab-closed' } },
      ]);
      expect(nextDueAt(state)).toBeNull();
    });

    it('waits out the grace period before a call the tab moved away from counts as ended', () => {
      const waiting = run([join(0), away(10 * MIN)], { rules });
      expect(waiting.ended).toEqual([]);
      expect(nextDueAt(waiting.state)).toBe(11 * MIN);
      const early = run([timer(11 * MIN - 1)], { rules, state: waiting.state });
      expect(early.ended).toEqual([]);
      const due = run([timer(11 * MIN)], { rules, state: waiting.state });
      expect(due.ended).toMatchObject([
        { outcome: 'prompt', session: { endedAt: 10 * MIN, reason: 'navigated-away', dropped: false } },
      ]);
      expect(nextDueAt(due.state)).toBeNull();
    });

    it('treats a drop and a rejoin within the grace period as the same session, with one prompt that knows it dropped', () => {
      const { effects, ended } = run(
        [join(0), away(10 * MIN), join(10 * MIN + 30_000, 2), away(20 * MIN, 2), timer(21 * MIN)],
        { rules },
      );
      expect(effects.filter((effect) => effect.type === 'session-started')).toHaveLength(1);
      expect(effects.filter((effect) => effect.type === 'session-resumed')).toHaveLength(1);
      expect(ended).toMatchObject([
        { outcome: 'prompt', session: { id: 's1', startedAt: 0, dropped: true } },
      ]);
    });

    it('starts a new session when the rejoin comes after the grace period', () => {
      const { ended, effects } = run([join(0), away(10 * MIN), join(12 * MIN, 2)], { rules });
      expect(ended).toMatchObject([{ session: { id: 's1' } }]);
      expect(effects.at(-1)).toMatchObject({ type: 'session-started', session: { id: 's2' } });
    });

    it('ends a waiting session on any later event once its time is up, even if the alarm was lost', () => {
      const { ended } = run(
        [join(0), away(10 * MIN), { type: 'tab-url', tabId: 5, url: LOBBY, at: 30 * MIN }],
        {
          rules,
        },
      );
      expect(ended).toMatchObject([{ outcome: 'prompt' }]);
    });

    it('keeps a session waiting out its grace at a browser restart as missed', () => {
      const { ended } = run([join(0), away(10 * MIN), { type: 'run-started', at: 15 * MIN, openTabs: {} }], {
        rules,
      });
      expect(ended).toMatchObject([{ outcome: 'missed' }]);
    });
  });

  describe('gentle rules', () => {
    it('offers nothing while snoozed', () => {
      expect(run([join(0), close(10 * MIN)], { rules: { snoozedUntil: 11 * MIN } }).outcomes).toEqual([
        'snoozed',
      ]);
      expect(run([join(0), close(12 * MIN)], { rules: { snoozedUntil: 11 * MIN } }).outcomes).toEqual([
        'prompt',
      ]);
    });

    it('keeps a session for later, quietly, in quiet hours (also across midnight)', () => {
      const quietHours = { enabled: true, startMinute: 22 * 60, endMinute: 8 * 60 };
      const at23 = { quietHours, minuteOfDay: () => 23 * 60 };
      const at7 = { quietHours, minuteOfDay: () => 7 * 60 };
      const at9 = { quietHours, minuteOfDay: () => 9 * 60 };
      expect(run([join(0), close(10 * MIN)], { rules: at23 }).outcomes).toEqual(['kept']);
      expect(run([join(0), close(10 * MIN)], { rules: at7 }).outcomes).toEqual(['kept']);
      expect(run([join(0), close(10 * MIN)], { rules: at9 }).outcomes).toEqual(['prompt']);
    });

    it('reads quiet hours as a span of the day', () => {
      const day = { enabled: true, startMinute: 9 * 60, endMinute: 17 * 60 };
      expect(isQuietTime(9 * 60, day)).toBe(true);
      expect(isQuietTime(17 * 60, day)).toBe(false);
      expect(isQuietTime(12 * 60, { ...day, enabled: false })).toBe(false);
      expect(isQuietTime(12 * 60, { enabled: true, startMinute: 600, endMinute: 600 })).toBe(false);
    });

    it('offers one check-in and keeps the next for later during the cooldown', () => {
      const rules = { cooldownMs: 30 * MIN };
      const { outcomes } = run(
        [
          join(0),
          close(10 * MIN),
          join(11 * MIN, 2),
          close(20 * MIN, 2),
          join(45 * MIN, 3),
          close(50 * MIN, 3),
        ],
        { rules },
      );
      expect(outcomes).toEqual(['prompt', 'kept', 'prompt']);
    });

    it('stops watching a site that is turned off or loses its access, without a word', () => {
      const started = run([join(0)]);
      const revoked = run([{ type: 'sites-changed', at: 10 * MIN }, close(11 * MIN)], {
        sites: [],
        state: started.state,
      });
      expect(revoked.outcomes).toEqual(['unwatched']);
      expect(revoked.state.active).toEqual({});
    });
  });

  describe('when the user says they just finished', () => {
    it('ends the current session with a check-in, whatever the rules say', () => {
      const { ended, state } = run([join(0), { type: 'finished-by-user', at: MIN }], {
        rules: { snoozedUntil: 99 * MIN, cooldownMs: 99 * MIN },
      });
      expect(ended).toMatchObject([{ outcome: 'prompt', session: { reason: 'finished-by-user' } }]);
      expect(state.active).toEqual({});
    });

    it('asks for a plain check-in when no session is going on', () => {
      expect(run([{ type: 'finished-by-user', at: 0 }]).effects).toEqual([{ type: 'check-in-requested' }]);
    });

    it('ends a session waiting out its grace period right away', () => {
      const { ended } = run([join(0), close(5 * MIN), { type: 'finished-by-user', at: 6 * MIN }], {
        rules: { graceMs: 10 * MIN },
      });
      expect(ended).toMatchObject([
        { outcome: 'prompt', session: { endedAt: 5 * MIN, reason: 'tab-closed' } },
      ]);
    });
  });

  it('keeps an intention with the session and hands it to the check-in', () => {
    const { ended } = run([
      join(0),
      { type: 'set-intention', sessionId: 's1', text: '  To feel close to Sam.  ', at: 1000 },
      close(MIN),
    ]);
    expect(ended[0]?.session.intention).toBe('To feel close to Sam.');
  });

  it('reads a stored state from the first version', () => {
    const old = { active: { '3': { id: 'a', tabId: 3, siteId: 'practice', startedAt: 5 } } };
    expect(normalizeTrackerState(old)).toEqual({
      active: { '3': { id: 'a', tabId: 3, siteId: 'practice', startedAt: 5, drops: 0 } },
      pendingEnds: {},
      lastPromptAt: null,
      endedIds: [],
    });
    expect(normalizeTrackerState(undefined)).toEqual(emptyTrackerState());
  });
});
