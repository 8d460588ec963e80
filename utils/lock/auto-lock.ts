import { browser } from 'wxt/browser';
import { journalKeyItem } from '../shared/storage-items';
import type { SessionKey } from './lock';

/**
 * The part of the passphrase lock the background needs: forgetting an idle key when the alarm
 * fires. Kept apart from lock/keys.ts so the service worker never loads the crypto code.
 */
export const AUTO_LOCK_ALARM = 'journal-auto-lock';

type KeyItem = Pick<typeof journalKeyItem, 'getValue' | 'setValue' | 'removeValue'>;

/** A key is fresh while it has been used within its idle time (0 = until the browser closes). */
export function sessionKeyIsFresh(key: SessionKey, now: number): boolean {
  if (key.idleMinutes <= 0) return true;
  return now - key.lastUsedAt < key.idleMinutes * 60_000;
}

/** "Lock now": the key is gone from storage.session, so nothing can be opened until unlocked. */
export async function lockJournal({ item = journalKeyItem }: { item?: KeyItem } = {}): Promise<void> {
  await item.removeValue();
  await browser.alarms?.clear(AUTO_LOCK_ALARM);
}

/** The alarm's check: removes the key once it has been idle too long. */
export async function expireIdleJournalKey({
  item = journalKeyItem,
  now = Date.now,
}: { item?: KeyItem; now?: () => number } = {}): Promise<void> {
  const stored = await item.getValue();
  if (!stored || !sessionKeyIsFresh(stored, now())) await lockJournal({ item });
}

export function registerJournalAutoLock(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTO_LOCK_ALARM) void expireIdleJournalKey();
  });
}
