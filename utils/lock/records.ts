import type { KeyParams } from './crypto';
import type { AftercareDb } from '../journal/db';
import {
  LOCK_META_STORE,
  LockStateError,
  isSealed,
  type JournalOpener,
  type LockMeta,
  type LockableStore,
  type PlainValue,
  type SealedValue,
} from './meta';
import type { JournalAccess } from './keys';
import { journalKeyItem } from '../shared/storage-items';

/**
 * Reading and writing journal records through the lock, for journal/store.ts and journal/drafts.ts.
 *
 * Every write is sealed for the lock as it is when the write commits: the lock's state is read in
 * the same transaction as the write, and if it changed since the record was sealed (the lock was
 * turned on in another tab while this check-in was open, say), nothing is written and the record
 * is sealed again for the new state. So no record is ever stored in clear in a locked journal, or
 * sealed to a key the journal no longer has.
 *
 * The sealing code (lock/lock.ts, with the crypto) is imported only when a record is sealed or
 * the lock is on: a check-in with the lock off, the default, never loads it.
 */

type StoredValue = PlainValue | SealedValue;

export interface LockState {
  meta: LockMeta | undefined;
  opener: JournalOpener | null;
}

export interface WritePlan {
  puts?: { store: LockableStore; value: PlainValue }[];
  deletes?: { store: LockableStore; id: string }[];
  /** Stored values the plan was made from: if any changed meanwhile, the plan is made again. */
  expect?: { store: LockableStore; id: string; raw: unknown }[];
}

const sameParams = (a: KeyParams, b: KeyParams) => a.kdf === b.kdf && a.iter === b.iter && a.salt === b.salt;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Seals a record for the lock as `state` says it is: in clear while off, else sealed. */
export async function sealFor(
  store: LockableStore,
  value: PlainValue,
  state: LockState,
): Promise<StoredValue> {
  const { meta, opener } = state;
  if (!meta) return value;
  const lock = await import('./lock');
  if (opener && sameParams(opener.params, meta.keyCheck)) return lock.sealValue(store, value, opener);
  if (meta.publicKey) return lock.sealValueToPublicKey(store, value, meta.publicKey);
  throw new LockStateError('This journal is locked.');
}

/** A stored value as the caller can read it: opened when sealed (throws `LockStateError` while locked). */
export async function openStored<T>(store: LockableStore, value: StoredValue, opener: JournalOpener | null) {
  if (!isSealed(value)) return value as unknown as T;
  const { openValue } = await import('./lock');
  return (await openValue(store, value, opener)) as unknown as T;
}

export async function openAll<T>(store: LockableStore, values: StoredValue[], opener: JournalOpener | null) {
  // With the lock off nothing is sealed: the values are the entries, with no promise per record.
  if (!values.some(isSealed)) return values as unknown as T[];
  return Promise.all(values.map((value) => openStored<T>(store, value, opener)));
}

let watchingKey = false;

/**
 * This page's key (lock/keys.ts), loaded with the crypto only once a lock is found: with the
 * lock off, nothing more is read than the lock's record. Like `pageJournalAccess`, it forgets what
 * it knew of the lock whenever the key changes (the lock turned on in another tab, say).
 */
export function lazyPageJournalAccess(): JournalAccess {
  if (!watchingKey) {
    watchingKey = true;
    journalKeyItem.watch(forgetLockStates);
  }
  return {
    async opener(meta) {
      if (!meta) return null;
      const { pageJournalAccess } = await import('./keys');
      return pageJournalAccess().opener(meta);
    },
  };
}

/**
 * Databases last seen with the lock off. Their writes open the write transaction at once, without
 * reading the lock first: a check-in window closing right after a keystroke flushes its draft in
 * `pagehide`, and only a transaction opened before the page goes is sure to commit. The lock is
 * still checked inside that transaction, and a write that finds it on starts again, sealed.
 */
let seenUnlocked = new WeakSet<AftercareDb>();

/** The lock changed (turned on elsewhere, say): read it again before the next write. */
export function forgetLockStates(): void {
  seenUnlocked = new WeakSet();
}

/** Reads stored values and the lock's state in one transaction, then the key for that state. */
export async function readRaw<R>(
  db: AftercareDb,
  access: JournalAccess,
  stores: LockableStore[],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any store of this schema
  read: (tx: any) => Promise<R>,
): Promise<{ raw: R; state: LockState }> {
  const tx = db.transaction([...stores, LOCK_META_STORE], 'readonly');
  const [raw, meta] = await Promise.all([
    read(tx),
    tx.objectStore(LOCK_META_STORE).get('lock') as Promise<LockMeta | undefined>,
    tx.done,
  ]);
  if (meta) seenUnlocked.delete(db);
  else seenUnlocked.add(db);
  return { raw, state: { meta, opener: await access.opener(meta) } };
}

export async function lockState(db: AftercareDb, access: JournalAccess): Promise<LockState> {
  return (await readRaw(db, access, [], async () => undefined)).state;
}

/**
 * Makes a plan for the current lock state, seals it, and writes it in one strict transaction that
 * first checks the lock (and any `expect`ed value) did not change; if it did, starts again.
 */
export async function writeThroughLock(
  db: AftercareDb,
  access: JournalAccess,
  makePlan: (state: LockState) => Promise<WritePlan>,
  { attempts = 5 } = {},
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const state: LockState =
      attempt === 1 && seenUnlocked.has(db) ? { meta: undefined, opener: null } : await lockState(db, access);
    const plan = await makePlan(state);
    const puts = await Promise.all(
      (plan.puts ?? []).map(async ({ store, value }) => ({
        store,
        value: await sealFor(store, value, state),
      })),
    );
    const stores = new Set<string>([LOCK_META_STORE]);
    for (const item of [...puts, ...(plan.deletes ?? []), ...(plan.expect ?? [])]) stores.add(item.store);
    const tx = db.transaction([...stores] as LockableStore[], 'readwrite', { durability: 'strict' });
    let changed = false;
    try {
      // The checks and the writes are all requested now, in this turn, so a window closing right
      // after cannot leave the writes unsent; a failed check aborts the transaction, writes and all.
      const checks = Promise.all([
        tx.objectStore(LOCK_META_STORE as LockableStore).get('lock') as Promise<unknown>,
        ...(plan.expect ?? []).map(({ store, id }) => tx.objectStore(store).get(id) as Promise<unknown>),
      ]);
      // A write refused below aborts the transaction, and with it these reads: that is expected.
      checks.catch(() => undefined);
      const writes: Promise<unknown>[] = [];
      const watch = (request: Promise<unknown>) => {
        request.catch(() => undefined);
        writes.push(request);
      };
      for (const { store, value } of puts) watch(tx.objectStore(store).put(value as never));
      for (const { store, id } of plan.deletes ?? []) watch(tx.objectStore(store).delete(id));
      const [meta, ...current] = await checks;
      if (meta) seenUnlocked.delete(db);
      else seenUnlocked.add(db);
      changed = !same(meta, state.meta) || (plan.expect ?? []).some(({ raw }, i) => !same(current[i], raw));
      if (changed) throw new LockStateError('The journal changed meanwhile.');
      await Promise.all([...writes, tx.done]);
      return;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted: nothing was committed either way.
      }
      await tx.done.catch(() => undefined);
      if (!changed || attempt >= attempts + 1) throw error;
    }
  }
}
