import type { AftercareDb, JournalDraft, JournalEntry } from './journal-db';
import type { NewJournalEntry } from './journal-store';

/** What a reflection in progress holds: everything an entry will, before it is saved. */
export type DraftFields = JournalDraft['fields'];

/** The draft of a check-in that did not follow a session (from the toolbar, say). */
export const MANUAL_DRAFT_ID = 'manual';

/** One draft per session, so reopening the same session's window finds its own words. */
export function draftIdFor(sessionId: string | null | undefined): string {
  return sessionId ? `session:${sessionId}` : MANUAL_DRAFT_ID;
}

/**
 * Drafts in IndexedDB. Every write uses strict durability: a draft that was written survives the
 * browser being killed a moment later. Saving the entry and removing its draft happen in ONE
 * transaction, so there is never a moment with both (a duplicate) or neither (a loss).
 */
export function createDraftStore(db: AftercareDb, now: () => number = Date.now) {
  return {
    get(id: string): Promise<JournalDraft | undefined> {
      return db.get('drafts', id);
    },

    async put(id: string, fields: DraftFields): Promise<void> {
      const tx = db.transaction('drafts', 'readwrite', { durability: 'strict' });
      await Promise.all([tx.store.put({ id, updatedAt: now(), fields }), tx.done]);
    },

    async remove(id: string): Promise<void> {
      const tx = db.transaction('drafts', 'readwrite', { durability: 'strict' });
      await Promise.all([tx.store.delete(id), tx.done]);
    },

    /** Saves the entry and deletes the draft it came from, all or nothing. */
    async commit(draftId: string, input: NewJournalEntry): Promise<JournalEntry> {
      const at = now();
      const entry: JournalEntry = { ...input, id: crypto.randomUUID(), createdAt: at, updatedAt: at };
      const tx = db.transaction(['journal-entries', 'drafts'], 'readwrite', { durability: 'strict' });
      await Promise.all([
        tx.objectStore('journal-entries').put(entry),
        tx.objectStore('drafts').delete(draftId),
        tx.done,
      ]);
      return entry;
    },
  };
}

export type DraftStore = ReturnType<typeof createDraftStore>;

export interface AutosaverOptions {
  delayMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Debounces draft writes while the user types, and writes them one at a time in order (a slow
 * older write can never land after a newer one). `flush` writes what is pending now (before the
 * window closes); `stop` drops what is pending and waits for writes in flight (before the entry
 * is saved, so no late autosave can bring the draft back).
 */
export function createDraftAutosaver(
  write: (fields: DraftFields) => Promise<void>,
  {
    delayMs = 300,
    onError = (error) => console.error('Aftercare: keeping the draft failed', error),
  }: AutosaverOptions = {},
) {
  let pending: DraftFields | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  function flush(): Promise<void> {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending !== undefined) {
      const fields = pending;
      pending = undefined;
      chain = chain.then(() => write(fields)).catch(onError);
    }
    return chain;
  }

  return {
    schedule(fields: DraftFields): void {
      if (stopped) return;
      pending = fields;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
    async stop(): Promise<void> {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
      await chain;
    },
    /** After a failed save: keep autosaving again. */
    resume(): void {
      stopped = false;
    },
  };
}

export type DraftAutosaver = ReturnType<typeof createDraftAutosaver>;
