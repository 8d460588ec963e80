import { JOURNAL_DB_NAME, sharedJournalDb, type JournalEntry } from './db';
import type { LockStatus } from '../lock/keys';
import { LOCK_META_STORE, isSealed } from '../lock/meta';

/**
 * What the journal page needs before its first paint, and nothing more: whether the lock is on,
 * and (with it off) the newest entries, read in ONE transaction as soon as the page's script runs.
 * This module loads no crypto: the lock's code is fetched only for a journal that has the lock on.
 */

export type FirstPage =
  /** The lock is off: here are the newest entries, ready to show. */
  | { lock: 'off'; entries: JournalEntry[] }
  /** The lock is on: the page asks lock/keys.ts whether this session holds the key. */
  | { lock: 'on' };

/** How many entries the journal shows before "Show more". */
export const FIRST_PAGE_SIZE = 50;

const ENTRIES = 'journal-entries';

/** An index, through idb's wrapper or bare. */
interface IndexLike {
  getAll(...args: unknown[]): Promise<unknown[]>;
  openCursor(query: null, direction: 'prev'): Promise<CursorLike | null>;
}
interface CursorLike {
  value: unknown;
  continue(): Promise<CursorLike | null>;
}

/** Browsers whose `getAll` takes `{ count, direction }` (Chrome 141 on) also have `getAllRecords`. */
const getAllTakesDirection = () => typeof IDBIndex !== 'undefined' && 'getAllRecords' in IDBIndex.prototype;

/**
 * The `limit` newest values of a date index. Where the browser can read backwards in one request
 * it does; elsewhere a cursor walks back, one round trip per value.
 */
export async function newestByDate(index: IndexLike, limit: number): Promise<unknown[]> {
  if (getAllTakesDirection()) return index.getAll({ count: limit, direction: 'prev' });
  const values: unknown[] = [];
  let cursor = await index.openCursor(null, 'prev');
  while (cursor && values.length < limit) {
    values.push(cursor.value);
    cursor = await cursor.continue();
  }
  return values;
}

/**
 * The lock's record and the newest `limit` entries by date, in one readonly transaction (the
 * floor the benchmark compares this with is the same cursor walk). Opens the page's one shared
 * connection, which the rest of the page then reuses.
 */
export async function readFirstPage(limit: number): Promise<FirstPage> {
  const db = await sharedJournalDb();
  const tx = db.transaction([ENTRIES, LOCK_META_STORE], 'readonly');
  const [meta, entries] = await Promise.all([
    tx.objectStore(LOCK_META_STORE).get('lock'),
    newestByDate(tx.objectStore(ENTRIES).index('by-created-at'), limit) as Promise<JournalEntry[]>,
    tx.done,
  ]);
  // A sealed entry with no lock record can only be a write racing a lock change: let the lock's
  // own code sort it out rather than show anything half-read.
  if (meta || entries.some(isSealed)) return { lock: 'on' };
  return { lock: 'off', entries };
}

/**
 * The lock as a page shows it, loading the lock's code only when the lock is on. The same answer
 * as `journalLockStatus` (lock/keys.ts), and like it never creates an empty database.
 */
export async function lockStatusWithoutCrypto(): Promise<LockStatus> {
  const existing = await globalThis.indexedDB?.databases?.().catch(() => undefined);
  if (existing && !existing.some((db) => db.name === JOURNAL_DB_NAME)) return 'off';
  const db = await sharedJournalDb();
  if (!(await db.get(LOCK_META_STORE, 'lock'))) return 'off';
  const { journalLockStatus } = await import('../lock/keys');
  return journalLockStatus();
}
