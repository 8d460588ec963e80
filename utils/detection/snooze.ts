/**
 * Pausing check-ins, from the toolbar popup. Apart from utils/detection/rules.ts so that the popup
 * does not load the site rules that module needs.
 */
export type SnoozeChoice = 'hour' | 'tomorrow';

/** Local midnight after `at`, plus `hour` hours. */
export function nextLocalDayAt(at: number, hour: number): number {
  const date = new Date(at);
  date.setHours(24, 0, 0, 0);
  date.setHours(hour, 0, 0, 0);
  return date.getTime();
}

export function snoozeUntil(choice: SnoozeChoice, now: number): number {
  return choice === 'hour' ? now + 60 * 60_000 : nextLocalDayAt(now, 0);
}
