import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '@/utils/journal/db';
import {
  groupDays,
  localDayKey,
  moodAfterSessionsVsOutside,
  moodByDay,
  sessionsPerWeek,
  yearCalendar,
} from '@/utils/journal/trends';

// Wednesday 11 June 2025, noon local time.
const NOW = new Date(2025, 5, 11, 12).getTime();
const at = (daysAgo: number, hour = 9) => new Date(2025, 5, 11 - daysAgo, hour).getTime();
const entry = (id: string, createdAt: number, extra: Partial<JournalEntry> = {}): JournalEntry => ({
  id,
  createdAt,
  updatedAt: createdAt,
  kind: 'check-in',
  text: '',
  ...extra,
});
const mood = (value: 1 | 2 | 3 | 4 | 5) => ({ mood: { value, word: String(value) } });

describe('mood over time', () => {
  it('averages each day, today last, with gaps for days without a mood', () => {
    const days = moodByDay(
      [
        entry('a', at(0), mood(4)),
        entry('b', at(0, 20), mood(2)),
        entry('c', at(2), mood(5)),
        entry('d', at(1)),
      ],
      7,
      NOW,
    );
    expect(days).toHaveLength(7);
    expect(days.at(-1)).toMatchObject({ day: '2025-06-11', average: 3, count: 2 });
    expect(days.at(-2)).toMatchObject({ day: '2025-06-10', average: null, count: 0 });
    expect(days.at(-3)).toMatchObject({ day: '2025-06-09', average: 5, count: 1 });
    expect(days[0]!.day).toBe('2025-06-05');
  });

  it('leaves out entries older than the range', () => {
    const days = moodByDay([entry('old', at(40), mood(1))], 30, NOW);
    expect(days.every((day) => day.average === null)).toBe(true);
  });

  it('groups days into weighted averages for the year view', () => {
    const days = moodByDay(
      [entry('a', at(1), mood(5)), entry('b', at(0), mood(1)), entry('c', at(0), mood(1))],
      2,
      NOW,
    );
    expect(groupDays(days, 2)).toEqual([
      { day: '2025-06-10', start: days[0]!.start, average: 7 / 3, count: 3 },
    ]);
  });
});

describe('the year at a glance', () => {
  it('lays out 365 days in week columns, Monday first', () => {
    const cells = yearCalendar([entry('a', at(0), mood(4))], NOW);
    expect(cells).toHaveLength(365);
    const today = cells.at(-1)!;
    expect(today).toMatchObject({ day: localDayKey(NOW), average: 4, weekday: 2 });
    for (let i = 1; i < cells.length; i++) {
      const previous = cells[i - 1]!;
      expect(cells[i]!.weekday).toBe((previous.weekday + 1) % 7);
      expect(cells[i]!.week).toBe(previous.week + (previous.weekday === 6 ? 1 : 0));
    }
  });
});

describe('sessions per week', () => {
  it('counts the sessions reflected on each week, once per session', () => {
    const weeks = sessionsPerWeek(
      [
        entry('a', at(0), { kind: 'reflection', sessionId: 's1' }),
        entry('b', at(0, 10), { kind: 'reflection', sessionId: 's1' }),
        entry('c', at(1), { kind: 'reflection', sessionId: 's2' }),
        entry('d', at(3), { kind: 'reflection' }),
        entry('e', at(8), { kind: 'reflection', sessionId: 's3' }),
        entry('f', at(0)),
      ],
      3,
      NOW,
    );
    expect(weeks.map((week) => week.count)).toEqual([0, 2, 2]);
    expect(new Date(weeks.at(-1)!.weekStart)).toEqual(new Date(2025, 5, 9));
  });
});

describe('moods after sessions and outside them', () => {
  it('compares the two averages', () => {
    expect(
      moodAfterSessionsVsOutside([
        entry('a', at(0), { kind: 'reflection', sessionId: 's', ...mood(2) }),
        entry('b', at(0), { kind: 'reflection', ...mood(4) }),
        entry('c', at(0), mood(5)),
        entry('d', at(0)),
      ]),
    ).toEqual({ afterSessions: { average: 3, count: 2 }, outside: { average: 5, count: 1 } });
  });

  it('says there is nothing to compare yet', () => {
    expect(moodAfterSessionsVsOutside([])).toEqual({
      afterSessions: { average: null, count: 0 },
      outside: { average: null, count: 0 },
    });
  });
});
