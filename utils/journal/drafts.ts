import type { AftercareDb, JournalDraft, JournalEntry } from './db';
import type { NewJournalEntry } from './store';
import { LockStateError } from '../lock/meta';
import type { JournalAccess } from '../lock/keys';
import { lazyPageJournalAccess, openStored, readRaw, writeThroughLock } from '../lock/records';

/** What a reflection in progress holds: everything an entry will, before it is saved. */
export type DraftFields = JournalDraft['fields'];

export { MANUAL_DRAFT_ID, draftIdFor } from '../check-in/draft-id';

/**
 * Drafts in IndexedDB. Every write uses strict durability: a draft that was written survives the
 * browser being killed a moment later. Saving the entry and removing its draft happen in ONE
 * transaction, so there is never a moment with both (a duplicate) or neither (a loss).
 *
 * With the passphrase lock on, drafts and entries are sealed like the journal's (journal/store.ts);
 * while locked they are sealed to the lock's public key, so a check-in still works, and `get`
 * throws `LockStateError` for a draft only the passphrase can open.
 */
export function createDraftStore(
  db: AftercareDb,
  now: () => number = Date.now,
  access: JournalAccess = lazyPageJournalAccess(),
) {
  return {
    async get(id: string): Promise<JournalDraft | undefined> {
      const { raw, state } = await readRaw(db, access, ['drafts'], (tx) => tx.objectStore('drafts').get(id));
      return raw ? openStored<JournalDraft>('drafts', raw as never, state.opener) : undefined;
    },

    async put(id: string, fields: DraftFields): Promise<void> {
      const draft: JournalDraft = { id, updatedAt: now(), fields };
      await writeThroughLock(db, access, async () => ({ puts: [{ store: 'drafts', value: { ...draft } }] }));
    },

    async remove(id: string): Promise<void> {
      const tx = db.transaction('drafts', 'readwrite', { durability: 'strict' });
      await Promise.all([tx.store.delete(id), tx.done]);
    },

    /** Saves the entry and deletes the draft it came from, all or nothing. */
    async commit(draftId: string, input: NewJournalEntry): Promise<JournalEntry> {
      const at = now();
      const entry: JournalEntry = { ...input, id: crypto.randomUUID(), createdAt: at, updatedAt: at };
      await writeThroughLock(db, access, async () => ({
        puts: [{ store: 'journal-entries', value: { ...entry } }],
        deletes: [{ store: 'drafts', id: draftId }],
      }));
      return entry;
    },
  };
}

export type DraftStore = ReturnType<typeof createDraftStore>;

/** What a check-in window needs from the journal as it opens. */
export interface CheckInStart {
  /** This check-in's earlier draft, opened. */
  draft?: JournalDraft;
  /** The earlier draft is sealed and only the passphrase can open it: it must not be written over. */
  draftLocked: boolean;
  /** The lock is on and locked: what is written now is sealed for reading after unlocking. */
  locked: boolean;
  /** How many entries the journal holds (where the question rotation starts). */
  entryCount: number;
}

/**
 * Everything a check-in window reads from the journal, in ONE transaction: its draft, the number
 * of entries and the lock's record. The key is asked for (and the crypto loaded) only when the
 * lock is on.
 */
export async function readCheckInStart(
  db: AftercareDb,
  draftId: string,
  access: JournalAccess = lazyPageJournalAccess(),
): Promise<CheckInStart> {
  const { raw, state } = await readRaw(db, access, ['drafts', 'journal-entries'], (tx) =>
    Promise.all([tx.objectStore('drafts').get(draftId), tx.objectStore('journal-entries').count()]),
  );
  const [stored, entryCount] = raw as [JournalDraft | undefined, number];
  const locked = Boolean(state.meta) && state.opener === null;
  if (!stored) return { draftLocked: false, locked, entryCount };
  try {
    const draft = await openStored<JournalDraft>('drafts', stored as never, state.opener);
    return { draft, draftLocked: false, locked, entryCount };
  } catch (error) {
    if (!(error instanceof LockStateError)) throw error;
    return { draftLocked: true, locked, entryCount };
  }
}

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
