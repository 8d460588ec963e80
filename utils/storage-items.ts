import { storage } from 'wxt/utils/storage';
import { emptyTrackerState, type EndedSession, type TrackerState } from './session-tracker';

/**
 * Every piece of extension storage, typed and defined in one place. Each item carries a version
 * so that later shapes can migrate the old ones instead of dropping them.
 *
 * Everything lives in `storage.local`: an MV3 service worker may stop at any moment, and a
 * session that was running when the browser closed must still be known after it restarts.
 */

export const trackerStateItem = storage.defineItem<TrackerState>('local:tracker-state', {
  fallback: emptyTrackerState(),
  version: 1,
});

/** Ended sessions waiting for (or given) a check-in, by session id. */
export interface CheckIn {
  session: EndedSession;
  status: 'pending' | 'missed' | 'done';
}

export const checkInsItem = storage.defineItem<Record<string, CheckIn>>('local:check-ins', {
  fallback: {},
  version: 1,
});
