import type { AftercareDb, JournalEntry } from './journal-db';

export type NewJournalEntry = Omit<JournalEntry, 'id' | 'createdAt' | 'updatedAt'>;

/**
 * Journal reads and writes. Writes use strict durability: when the promise resolves, the entry is
 * on disk, so closing the window or killing the browser right after "Saved" loses nothing.
 */
export function createJournalStore(db: AftercareDb, now: () => number = Date.now) {
  return {
    async add(input: NewJournalEntry): Promise<JournalEntry> {
      const at = now();
      const entry: JournalEntry = { ...input, id: crypto.randomUUID(), createdAt: at, updatedAt: at };
      const tx = db.transaction('journal-entries', 'readwrite', { durability: 'strict' });
      await Promise.all([tx.store.put(entry), tx.done]);
      return entry;
    },

    get(id: string): Promise<JournalEntry | undefined> {
      return db.get('journal-entries', id);
    },

    /** Newest first. */
    async newest(limit: number): Promise<JournalEntry[]> {
      const entries: JournalEntry[] = [];
      let cursor = await db
        .transaction('journal-entries')
        .store.index('by-created-at')
        .openCursor(null, 'prev');
      while (cursor && entries.length < limit) {
        entries.push(cursor.value);
        cursor = await cursor.continue();
      }
      return entries;
    },

    count(): Promise<number> {
      return db.count('journal-entries');
    },
  };
}

export type JournalStore = ReturnType<typeof createJournalStore>;
