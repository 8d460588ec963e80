import { defineStorageItem } from './storage-item';
import {
  emptyTrackerState,
  normalizeTrackerState,
  type EndedSession,
  type TrackerState,
} from '../detection/session-tracker';
import type { SessionKey } from '../lock/lock';

/**
 * Every piece of extension storage, typed and defined in one place. Each item carries a version
 * so that later shapes can migrate the old ones instead of dropping them.
 *
 * Everything lives in `storage.local`: an MV3 service worker may stop at any moment, and a
 * session that was running when the browser closed must still be known after it restarts.
 */

export const trackerStateItem = defineStorageItem<TrackerState>('local:tracker-state', {
  fallback: emptyTrackerState(),
  version: 2,
  // Version 2 added the grace period (pendingEnds), the cooldown clock and the ended-session list.
  migrations: { 2: (old: unknown) => normalizeTrackerState(old) },
});

/** Ended sessions waiting for (or given) a check-in, by session id. */
export interface CheckIn {
  session: EndedSession;
  /**
   * `pending`: the check-in window was opened. `waiting`: offered quietly by a mark on the toolbar
   * icon. `missed`: kept to take later without any sign (the browser closed mid-session, quiet
   * hours, or a check-in was offered a moment before). `dismissed`: the user let it go.
   */
  status: 'pending' | 'waiting' | 'missed' | 'done' | 'dismissed';
  /**
   * The site's name as the user knows it (custom sites by their own name), written when the
   * session ends so that the check-in window needs no site list to show it. Older records lack it.
   */
  siteName?: string;
  /** A second, gentler check-in: when it is due, and whether it is waiting in the popup. */
  followUp?: { dueAt: number; status: 'scheduled' | 'due' | 'done' };
  /** Its window closed with words written and not saved: they wait in its draft. */
  unfinished?: boolean;
}

export const checkInsItem = defineStorageItem<Record<string, CheckIn>>('local:check-ins', {
  fallback: {},
  version: 1,
});

/**
 * The unlocked journal key (issue 7), in `storage.session` only: the browser empties it when it
 * closes, it never reaches `storage.local` or any disk, and content scripts cannot read it (the
 * default access level, which Aftercare never widens). Read it through lock/keys.ts, which
 * checks the idle time on every read.
 */
export const journalKeyItem = defineStorageItem<SessionKey | null>('session:journal-key', {
  fallback: null,
});
