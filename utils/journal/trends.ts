import type { JournalEntry } from './db';

/**
 * Numbers behind the trend pictures on the journal page. Pure: the clock comes in as `now`, and
 * days are the user's local calendar days.
 */

export interface DayMood {
  /** Local `YYYY-MM-DD`. */
  day: string;
  /** Local midnight, ms. */
  start: number;
  /** Mean mood (1…5) of that day's entries with a mood; `null` when there were none. */
  average: number | null;
  count: number;
}

export function localDayKey(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function startOfLocalDay(ms: number): Date {
  const date = new Date(ms);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** Mood per day for the last `days` days, today last. Days without a mood have `average: null`. */
export function moodByDay(entries: readonly JournalEntry[], days: number, now: number): DayMood[] {
  const today = startOfLocalDay(now);
  const first = addDays(today, -(days - 1));
  const sums = new Map<string, { sum: number; count: number }>();
  const firstMs = first.getTime();
  const endMs = addDays(today, 1).getTime();
  for (const entry of entries) {
    if (!entry.mood || entry.createdAt < firstMs || entry.createdAt >= endMs) continue;
    const key = localDayKey(entry.createdAt);
    const slot = sums.get(key) ?? { sum: 0, count: 0 };
    slot.sum += entry.mood.value;
    slot.count++;
    sums.set(key, slot);
  }
  const result: DayMood[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(first, i);
    const day = localDayKey(date.getTime());
    const slot = sums.get(day);
    result.push({
      day,
      start: date.getTime(),
      average: slot ? slot.sum / slot.count : null,
      count: slot?.count ?? 0,
    });
  }
  return result;
}

/** Averages consecutive groups of `size` days (for a readable 365-day line). */
export function groupDays(days: readonly DayMood[], size: number): DayMood[] {
  const groups: DayMood[] = [];
  for (let i = 0; i < days.length; i += size) {
    const slice = days.slice(i, i + size);
    let sum = 0;
    let count = 0;
    for (const day of slice) {
      if (day.average !== null) {
        sum += day.average * day.count;
        count += day.count;
      }
    }
    groups.push({ day: slice[0]!.day, start: slice[0]!.start, average: count ? sum / count : null, count });
  }
  return groups;
}

export interface CalendarCell extends DayMood {
  /** Column: 0 is the week that holds the first day. */
  week: number;
  /** Row: 0 = Monday … 6 = Sunday. */
  weekday: number;
}

/** The last 365 days as a GitHub-style grid of weeks (columns) by weekdays (rows). */
export function yearCalendar(entries: readonly JournalEntry[], now: number): CalendarCell[] {
  const days = moodByDay(entries, 365, now);
  const firstWeekday = (new Date(days[0]!.start).getDay() + 6) % 7;
  return days.map((day, index) => ({
    ...day,
    week: Math.floor((index + firstWeekday) / 7),
    weekday: (index + firstWeekday) % 7,
  }));
}

/** Entries that belong to a session: written after one ended. */
export function isAfterSession(entry: JournalEntry): boolean {
  return entry.kind === 'reflection' || entry.sessionId !== undefined;
}

export interface WeekCount {
  /** Local Monday midnight, ms. */
  weekStart: number;
  count: number;
}

/** Sessions reflected on per week (Monday to Sunday), the last `weeks` weeks, this week last. */
export function sessionsPerWeek(entries: readonly JournalEntry[], weeks: number, now: number): WeekCount[] {
  const today = startOfLocalDay(now);
  const thisMonday = addDays(today, -((today.getDay() + 6) % 7));
  const starts = Array.from({ length: weeks }, (_, i) => addDays(thisMonday, -7 * (weeks - 1 - i)).getTime());
  const end = addDays(thisMonday, 7).getTime();
  const sessions = starts.map(() => new Set<string>());
  for (const entry of entries) {
    if (!isAfterSession(entry) || entry.createdAt < starts[0]! || entry.createdAt >= end) continue;
    let index = starts.length - 1;
    while (index > 0 && entry.createdAt < starts[index]!) index--;
    sessions[index]!.add(entry.sessionId ?? entry.id);
  }
  return starts.map((weekStart, i) => ({ weekStart, count: sessions[i]!.size }));
}

export interface MoodSummary {
  average: number | null;
  count: number;
}

/** How moods written after sessions compare with check-ins outside them. */
export function moodAfterSessionsVsOutside(entries: readonly JournalEntry[]): {
  afterSessions: MoodSummary;
  outside: MoodSummary;
} {
  const after = { sum: 0, count: 0 };
  const outside = { sum: 0, count: 0 };
  for (const entry of entries) {
    if (!entry.mood) continue;
    const bucket = isAfterSession(entry) ? after : outside;
    bucket.sum += entry.mood.value;
    bucket.count++;
  }
  const summary = (b: { sum: number; count: number }) => ({
    average: b.count ? b.sum / b.count : null,
    count: b.count,
  });
  return { afterSessions: summary(after), outside: summary(outside) };
}
