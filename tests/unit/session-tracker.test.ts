import { describe, expect, it } from 'vitest';
import { applyTabEvent, emptyTrackerState, type TabEvent, type TrackerState } from '@/utils/session-tracker';
import { PRACTICE_SITE, type SiteDefinition } from '@/utils/sites';

const CALL = 'http://127.0.0.1:4173/call/practice-room';
const LOBBY = 'http://127.0.0.1:4173/';
const LEFT = 'http://127.0.0.1:4173/left';

function run(events: TabEvent[], sites: readonly SiteDefinition[] = [PRACTICE_SITE]) {
  let id = 0;
  let state: TrackerState = emptyTrackerState();
  const effects = [];
  for (const event of events) {
    const result = applyTabEvent(state, event, { sites, newId: () => `s${++id}` });
    state = result.state;
    effects.push(...result.effects);
  }
  return { state, effects };
}

describe('the session tracker', () => {
  it('starts a session when a tab reaches a call URL', () => {
    const { state, effects } = run([{ type: 'tab-url', tabId: 1, url: CALL, at: 1000 }]);
    expect(effects).toEqual([
      { type: 'session-started', session: { id: 's1', tabId: 1, siteId: 'practice', startedAt: 1000 } },
    ]);
    expect(state.active['1']?.id).toBe('s1');
  });

  it('ends the session with a prompt when the call tab closes', () => {
    const { state, effects } = run([
      { type: 'tab-url', tabId: 1, url: CALL, at: 1000 },
      { type: 'tab-closed', tabId: 1, at: 61_000 },
    ]);
    expect(effects[1]).toEqual({
      type: 'session-ended',
      outcome: 'prompt',
      session: { id: 's1', siteId: 'practice', startedAt: 1000, endedAt: 61_000, reason: 'tab-closed' },
    });
    expect(state.active).toEqual({});
  });

  it('prompts once even when the close event arrives twice', () => {
    const { effects } = run([
      { type: 'tab-url', tabId: 1, url: CALL, at: 0 },
      { type: 'tab-closed', tabId: 1, at: 5000 },
      { type: 'tab-closed', tabId: 1, at: 5001 },
    ]);
    expect(effects.filter((effect) => effect.type === 'session-ended')).toHaveLength(1);
  });

  it('ends the session on the "you left" page', () => {
    const { effects } = run([
      { type: 'tab-url', tabId: 1, url: CALL, at: 0 },
      { type: 'tab-url', tabId: 1, url: LEFT, at: 5000 },
    ]);
    expect(effects[1]).toMatchObject({ type: 'session-ended', session: { reason: 'ended-page' } });
  });

  it('ends the session when the tab navigates somewhere we cannot see', () => {
    const { effects } = run([
      { type: 'tab-url', tabId: 1, url: CALL, at: 0 },
      { type: 'tab-url', tabId: 1, url: null, at: 5000 },
    ]);
    expect(effects[1]).toMatchObject({ type: 'session-ended', session: { reason: 'navigated-away' } });
  });

  it('does nothing for a tab that never joined a call', () => {
    const { state, effects } = run([
      { type: 'tab-url', tabId: 1, url: LOBBY, at: 0 },
      { type: 'tab-closed', tabId: 1, at: 5000 },
    ]);
    expect(effects).toEqual([]);
    expect(state.active).toEqual({});
  });

  it('keeps one session while the call URL only changes its query', () => {
    const { effects } = run([
      { type: 'tab-url', tabId: 1, url: CALL, at: 0 },
      { type: 'tab-url', tabId: 1, url: `${CALL}?layout=grid`, at: 1000 },
    ]);
    expect(effects).toHaveLength(1);
  });

  it('does not prompt for a session shorter than the site minimum', () => {
    const site = { ...PRACTICE_SITE, minSessionSeconds: 60 };
    const { effects } = run(
      [
        { type: 'tab-url', tabId: 1, url: CALL, at: 0 },
        { type: 'tab-closed', tabId: 1, at: 59_000 },
      ],
      [site],
    );
    expect(effects[1]).toMatchObject({ type: 'session-ended', outcome: 'too-short' });
  });

  it('keeps a session cut off by a browser restart as a missed check-in, never a prompt', () => {
    const { state, effects } = run([
      { type: 'tab-url', tabId: 7, url: CALL, at: 0 },
      { type: 'browser-started', at: 90_000 },
    ]);
    expect(effects[1]).toMatchObject({ outcome: 'missed', session: { reason: 'browser-restarted' } });
    expect(state.active).toEqual({});
  });

  it('ignores sites it was not given', () => {
    const { effects } = run([{ type: 'tab-url', tabId: 1, url: 'https://example.org/call/abc', at: 0 }]);
    expect(effects).toEqual([]);
  });
});
