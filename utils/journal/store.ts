import { byCreatedAt, type AftercareDb, type JournalDraft, type JournalEntry } from './db';
import { LOCK_META_STORE, LockStateError, openValue, type LockMeta } from '../lock/lock';
import { pageJournalAccess, type JournalAccess } from '../lock/keys';
import { openAll, readRaw, sealFor, writeThroughLock, type LockState } from '../lock/records';

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

const sameLock = (meta: LockMeta | undefined, state: LockState) =>
  JSON.stringify(meta ?? null) === JSON.stringify(state.meta ?? null);

/**
 * Journal reads and writes. Writes use strict durability: when the promise resolves, the entry is
 * on disk, so closing the window or killing the browser right after "Saved" loses nothing.
 *
 * With the passphrase lock on, every entry is sealed on the way in and opened on the way out
 * (lock/records.ts); `access` gives the key (by default this page's, from storage.session).
 * Reading while locked throws `LockStateError`; writing while locked seals to the lock's public key.
 */
export function createJournalStore(
  db: AftercareDb,
  now: () => number = Date.now,
  access: JournalAccess = pageJournalAccess(),
) {
  const ENTRIES = 'journal-entries' as const;
  const put = (entry: JournalEntry) =>
    writeThroughLock(db, access, async () => ({ puts: [{ store: ENTRIES, value: { ...entry } }] }));
  /** The entry as stored (sealed or not) and opened. */
  async function read(id: string) {
    const { raw, state } = await readRaw(db, access, [ENTRIES], (tx) => tx.objectStore(ENTRIES).get(id));
    const entry = raw
      ? ((await openValue(ENTRIES, raw as never, state.opener)) as unknown as JournalEntry)
      : undefined;
    return { raw, entry };
  }

  return {
    async add(input: NewJournalEntry): Promise<JournalEntry> {
      const at = now();
      const entry: JournalEntry = { ...input, id: crypto.randomUUID(), createdAt: at, updatedAt: at };
      await put(entry);
      return entry;
    },

    async get(id: string): Promise<JournalEntry | undefined> {
      return (await read(id)).entry;
    },

    /** Newest first. */
    async newest(limit: number): Promise<JournalEntry[]> {
      const { raw, state } = await readRaw(db, access, [ENTRIES], async (tx) => {
        const values: unknown[] = [];
        let cursor = await tx.objectStore(ENTRIES).index('by-created-at').openCursor(null, 'prev');
        while (cursor && values.length < limit) {
          values.push(cursor.value);
          cursor = await cursor.continue();
        }
        return values;
      });
      return openAll<JournalEntry>(ENTRIES, raw as never, state.opener);
    },

    /**
     * Every entry, newest first. One `getAll` is far faster than a cursor (one round trip instead
     * of one per entry), and 10,000 entries are a few megabytes. It reads the store itself rather
     * than the date index (which Chromium answers markedly slower, looking each record up) and
     * sorts by the clear `createdAt`, in the index's order reversed: newest first, then by id.
     */
    async all(): Promise<JournalEntry[]> {
      const { raw, state } = await readRaw(db, access, [ENTRIES], (tx) => tx.objectStore(ENTRIES).getAll());
      const values = raw as { id: string; createdAt: number }[];
      values.sort((a, b) => byCreatedAt(b, a));
      return openAll<JournalEntry>(ENTRIES, values as never, state.opener);
    },

    count(): Promise<number> {
      return db.count('journal-entries');
    },

    /** Changes what the user may change; the rest of the entry (and its id and date) stays. */
    async update(id: string, changes: JournalEntryChanges): Promise<JournalEntry> {
      let next: JournalEntry | undefined;
      await writeThroughLock(db, access, async () => {
        const { raw, entry: current } = await read(id);
        if (!current) throw new Error(`No journal entry ${id}`);
        next = { ...current, ...changes, updatedAt: Math.max(now(), current.updatedAt) };
        for (const key of Object.keys(changes) as Array<keyof JournalEntryChanges>) {
          if (changes[key] === undefined) delete next[key];
        }
        return { puts: [{ store: ENTRIES, value: { ...next } }], expect: [{ store: ENTRIES, id, raw }] };
      });
      return next!;
    },

    /** Removes an entry and hands it back, so that "undo" can put exactly it back. */
    async remove(id: string): Promise<JournalEntry | undefined> {
      let removed: JournalEntry | undefined;
      await writeThroughLock(db, access, async () => {
        const { raw, entry } = await read(id);
        removed = entry;
        return { deletes: entry ? [{ store: ENTRIES, id }] : [], expect: [{ store: ENTRIES, id, raw }] };
      });
      return removed;
    },

    /** Puts an entry back exactly as it was (undo of `remove`). */
    async restore(entry: JournalEntry): Promise<void> {
      await put(entry);
    },

    async drafts(): Promise<JournalDraft[]> {
      const { raw, state } = await readRaw(db, access, ['drafts'], (tx) => tx.objectStore('drafts').getAll());
      return openAll<JournalDraft>('drafts', raw as never, state.opener);
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
      // Sealed before the transaction (crypto cannot run inside one); the lock's state is checked
      // inside it, so a lock turned on meanwhile refuses the whole import instead of storing clear text.
      const { state } = await readRaw(db, access, [], async () => undefined);
      const sealAll = (store: 'journal-entries' | 'drafts', values: readonly object[]) =>
        Promise.all(values.map((value) => sealFor(store, { ...value } as never, state)));
      const [sealedEntries, sealedDrafts] = await Promise.all([
        sealAll('journal-entries', entries),
        sealAll('drafts', drafts),
      ]);
      signal?.throwIfAborted();
      const tx = db.transaction(['journal-entries', 'drafts', LOCK_META_STORE], 'readwrite', STRICT);
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
        const meta = (await tx.objectStore(LOCK_META_STORE).get('lock')) as LockMeta | undefined;
        if (!sameLock(meta, state)) throw new LockStateError('The lock changed meanwhile: please try again.');
        const writes = [
          ...sealedEntries.map((entry) => counted(entryStore.put(entry as never))),
          ...sealedDrafts.map((draft) => counted(draftStore.put(draft as never))),
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
