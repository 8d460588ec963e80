import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * The one owner of Aftercare's IndexedDB schema. The upgrade ladder only ever grows: an old step is
 * never rewritten, so a database from any earlier version reaches the newest one with its entries.
 */

export const JOURNAL_DB_NAME = 'aftercare';
export const JOURNAL_DB_VERSION = 1;

export interface JournalEntry {
  id: string;
  createdAt: number;
  updatedAt: number;
  /** `reflection` is written after a session; `check-in` is any other entry. */
  kind: 'reflection' | 'check-in';
  text: string;
  sessionId?: string;
  siteId?: string;
}

export interface AftercareDbSchema extends DBSchema {
  'journal-entries': {
    key: string;
    value: JournalEntry;
    indexes: { 'by-created-at': number };
  };
}

export type AftercareDb = IDBPDatabase<AftercareDbSchema>;

export function openJournalDb(name = JOURNAL_DB_NAME): Promise<AftercareDb> {
  return openDB<AftercareDbSchema>(name, JOURNAL_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const entries = db.createObjectStore('journal-entries', { keyPath: 'id' });
        entries.createIndex('by-created-at', 'createdAt');
      }
    },
    // Another tab holds an older version open: close ours so its upgrade is never stuck on us.
    blocking(_currentVersion, _blockedVersion, event) {
      (event.target as IDBDatabase | null)?.close();
    },
  });
}
