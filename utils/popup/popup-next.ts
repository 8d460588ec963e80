import type { CheckIn } from '../shared/storage-items';

/**
 * What the toolbar popup offers first. A check-in kept for later (missed, offered quietly, or a
 * follow-up that is due) is most likely what someone opening the popup came for; otherwise a
 * check-in of their own. The rest of the popup (finishing a session, reaching out, pausing) follows.
 */
export type PopupFirst = { kind: 'take-check-in'; checkIn: CheckIn } | { kind: 'check-in-now' };

/** `waiting` newest first, as the popup lists them. */
export function popupFirst(waiting: readonly CheckIn[]): PopupFirst {
  const newest = waiting[0];
  return newest ? { kind: 'take-check-in', checkIn: newest } : { kind: 'check-in-now' };
}
