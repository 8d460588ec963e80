import type { AftercareDb, JournalDraft, JournalEntry } from './journal-db';

export type NewJournalEntry = Omit<JournalEntry, 'id' | 'createdAt' | 'updatedAt'>;

/** What the user may change on an entry after writing it. */
export type JournalEntryChanges = Partial<
  Pick<JournalEntry, 'text' | 'tags' | 'mood' | 'answers' | 'intention'>
>;

export interface ImportProgress {
  done: number;
  total: number;
}

const STRICT = { durability: 'strict' } as const;

/**
 * Journal reads and writes. Writes use strict durability: when the promise resolves, the entry is
 * on disk, so closing the window or killing the browser right after "Saved" loses nothing.
 */
export function createJournalStore(db: AftercareDb, now: () => number = Date.now) {
  return {
    async add(input: NewJournalEntry): Promise<JournalEntry> {
      const at = now();
      const entry: JournalEntry = { ...input, id: crypto.randomUUID(), createdAt: at, updatedAt: at };
      const tx = db.transaction('journal-entries', 'readwrite', STRICT);
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

    /**
     * Every entry, newest first. One `getAll` over the date index is far faster than a cursor
     * (one round trip instead of one per entry), and 10,000 entries are a few megabytes.
     */
    async all(): Promise<JournalEntry[]> {
      const oldestFirst = await db.getAllFromIndex('journal-entries', 'by-created-at');
      return oldestFirst.reverse();
    },

    count(): Promise<number> {
      return db.count('journal-entries');
    },

    /** Changes what the user may change; the rest of the entry (and its id and date) stays. */
    async update(id: string, changes: JournalEntryChanges): Promise<JournalEntry> {
      const tx = db.transaction('journal-entries', 'readwrite', STRICT);
      const current = await tx.store.get(id);
      if (!current) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new Error(`No journal entry ${id}`);
      }
      const next: JournalEntry = { ...current, ...changes, updatedAt: Math.max(now(), current.updatedAt) };
      for (const key of Object.keys(changes) as Array<keyof JournalEntryChanges>) {
        if (changes[key] === undefined) delete next[key];
      }
      await Promise.all([tx.store.put(next), tx.done]);
      return next;
    },

    /** Removes an entry and hands it back, so that "undo" can put exactly it back. */
    async remove(id: string): Promise<JournalEntry | undefined> {
      const tx = db.transaction('journal-entries', 'readwrite', STRICT);
      const current = await tx.store.get(id);
      if (current) await tx.store.delete(id);
      await tx.done;
      return current;
    },

    /** Puts an entry back exactly as it was (undo of `remove`). */
    async restore(entry: JournalEntry): Promise<void> {
      const tx = db.transaction('journal-entries', 'readwrite', STRICT);
      await Promise.all([tx.store.put(entry), tx.done]);
    },

    drafts(): Promise<JournalDraft[]> {
      return db.getAll('drafts');
    },

    /**
     * Writes many entries (and drafts) in ONE transaction: either all of them are saved or, on any
     * error or when `signal` aborts, none are. Existing entries with the same id are replaced.
     */
    async putAll(
      entries: readonly JournalEntry[],
      drafts: readonly JournalDraft[] = [],
      options: { signal?: AbortSignal; onProgress?: (progress: ImportProgress) => void } = {},
    ): Promise<void> {
      const { signal, onProgress } = options;
      signal?.throwIfAborted();
      const tx = db.transaction(['journal-entries', 'drafts'], 'readwrite', STRICT);
      const abort = () => {
        try {
          tx.abort();
        } catch {
          // Already finished or aborted.
        }
      };
      signal?.addEventListener('abort', abort, { once: true });
      const total = entries.length + drafts.length;
      let done = 0;
      const step = Math.max(1, Math.floor(total / 100));
      // A failed write aborts the transaction, so `tx.done` carries the failure; the requests'
      // own rejections are only swallowed so that none goes unhandled.
      const counted = (request: Promise<unknown>) =>
        request.then(
          () => {
            done++;
            if (done % step === 0 || done === total) onProgress?.({ done, total });
          },
          () => undefined,
        );
      const entryStore = tx.objectStore('journal-entries');
      const draftStore = tx.objectStore('drafts');
      try {
        // Inside the try: a record the store refuses throws synchronously, and the writes queued
        // before it must then be aborted, not committed.
        const writes = [
          ...entries.map((entry) => counted(entryStore.put(entry))),
          ...drafts.map((draft) => counted(draftStore.put(draft))),
        ];
        await Promise.all([...writes, tx.done]);
      } catch (error) {
        abort();
        await tx.done.catch(() => undefined);
        if (signal?.aborted) throw signal.reason;
        throw error;
      } finally {
        signal?.removeEventListener('abort', abort);
      }
    },
  };
}

export type JournalStore = ReturnType<typeof createJournalStore>;
