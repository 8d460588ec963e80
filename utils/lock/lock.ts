import type { IDBPDatabase } from 'idb';
import type { EncryptedRecord, JournalCipher, KeyParams } from './crypto';
import {
  CLEAR_FIELDS,
  LOCKABLE_STORES,
  LOCK_META_STORE,
  LockStateError,
  isSealed,
  type JournalOpener,
  type PlainValue,
  type LockMeta,
  type LockableStore,
  type SealedValue,
} from './meta';
import { isEnvelopeRecord, openFromPrivateKey, sealToPublicKey, type EnvelopeKeys } from './envelope';

/**
 * The optional passphrase lock for the journal (off by default). Design, in short:
 *
 * - At rest: every journal entry and draft is stored as its clear routing fields (the id, and the
 *   timestamps the journal sorts by) plus `sealed`, one AES-GCM record (utils/lock/crypto.ts) holding
 *   everything else as JSON: text, mood, answers, tags, site, session. The record's id is part of
 *   the authenticated data, so records cannot be swapped between ids.
 * - The key check (which tells a wrong passphrase apart) lives in the same IndexedDB as the records,
 *   so that turning the lock on, off, or changing the passphrase is ONE transaction over the records
 *   and the key check: interrupted at any point, the journal is fully old or fully new.
 * - The key: derived once at unlock, held in memory by the page that uses it, and kept for the
 *   browser session as raw bytes in `storage.session` only (never `storage.local`, never synced).
 *   `storage.session` is emptied when the browser closes, so a restart always locks. Idle
 *   auto-lock: the stored key carries `lastUsedAt`; anything reading it past the idle time treats
 *   the journal as locked and removes it (see `sessionKeyIsFresh`). "Lock now" removes it at once.
 *
 * This file holds the part that must be right before anything is wired: the all-or-nothing
 * re-encryption, over a small store interface with an IndexedDB implementation.
 */

// Callers that load the crypto anyway import the lock's vocabulary from here too.
export * from './meta';

export interface StoredRecord {
  store: LockableStore;
  value: PlainValue | SealedValue;
}

export interface JournalSnapshot {
  records: StoredRecord[];
  lock: LockMeta | undefined;
}

/** What the re-encryption needs from storage: a consistent read, and an all-or-nothing write. */
export interface LockableJournal {
  snapshot(): Promise<JournalSnapshot>;
  /**
   * In one transaction: if the stores still hold exactly `before`, replaces them with `after`;
   * otherwise changes nothing and throws `JournalChangedError`. Any failure changes nothing.
   */
  replaceAll(before: JournalSnapshot, after: JournalSnapshot): Promise<void>;
}

export class JournalChangedError extends Error {
  constructor() {
    super('The journal changed while it was being re-encrypted.');
    this.name = 'JournalChangedError';
  }
}

const contextOf = (store: LockableStore, id: string) => `${store}/${id}`;

function splitValue(store: LockableStore, value: PlainValue) {
  const clear: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [field, fieldValue] of Object.entries(value)) {
    if ((CLEAR_FIELDS[store] as readonly string[]).includes(field)) clear[field] = fieldValue;
    else secret[field] = fieldValue;
  }
  return { clear, secret };
}

export async function sealValue(
  store: LockableStore,
  value: PlainValue,
  cipher: JournalCipher,
): Promise<SealedValue> {
  const { clear, secret } = splitValue(store, value);
  const sealed = await cipher.encrypt(JSON.stringify(secret), contextOf(store, value.id));
  return { ...clear, id: value.id, sealed };
}

/** Seals a record while locked: to the lock's public key, opened only after unlocking. */
export async function sealValueToPublicKey(
  store: LockableStore,
  value: PlainValue,
  publicKey: string,
): Promise<SealedValue> {
  const { clear, secret } = splitValue(store, value);
  const sealed = await sealToPublicKey(publicKey, JSON.stringify(secret), contextOf(store, value.id));
  return { ...clear, id: value.id, sealed };
}

export async function openValue(
  store: LockableStore,
  value: PlainValue | SealedValue,
  cipher: JournalOpener | null,
): Promise<PlainValue> {
  if (!isSealed(value)) return value;
  if (!cipher) throw new LockStateError('This journal is locked.');
  const context = contextOf(store, value.id);
  let text: string;
  if (isEnvelopeRecord(value.sealed)) {
    if (!cipher.envelopeKey) throw new LockStateError('This journal is locked.');
    text = await openFromPrivateKey(cipher.envelopeKey, value.sealed, context);
  } else {
    text = await cipher.decrypt(value.sealed, context);
  }
  const secret = JSON.parse(text) as Record<string, unknown>;
  const { sealed: _sealed, ...clear } = value;
  return { ...secret, ...clear, id: value.id };
}

const sameParams = (a: KeyParams, b: KeyParams) => a.kdf === b.kdf && a.iter === b.iter && a.salt === b.salt;

export interface LockChange {
  /** The key that opens the journal now (with its private key, if any); null while the lock is off. */
  from: JournalOpener | null;
  /** The new key, its key check and its envelope keys; null to turn the lock off. */
  to: { cipher: JournalCipher; keyCheck: EncryptedRecord; envelope?: EnvelopeKeys } | null;
}

/**
 * Turns the lock on (from null), off (to null), or changes the passphrase or its parameters (both
 * given). Everything is read, every record is opened and re-sealed in memory, and then all of it is
 * written in one transaction together with the key check. If a record was saved meanwhile, the
 * write is refused and the whole step starts again with that record included.
 *
 * Crypto cannot run inside an IndexedDB transaction (awaiting anything but IndexedDB lets it
 * commit), which is why the work is done between a snapshot and a checked write.
 */
export async function reencryptJournal(
  journal: LockableJournal,
  change: LockChange,
  { attempts = 3 } = {},
): Promise<{ records: number }> {
  for (let attempt = 1; ; attempt++) {
    const before = await journal.snapshot();
    if (change.from === null && before.lock) {
      throw new LockStateError('The lock is already on: unlock it first.');
    }
    if (change.from !== null && (!before.lock || !sameParams(before.lock.keyCheck, change.from.params))) {
      throw new LockStateError('The lock was changed somewhere else: unlock again and retry.');
    }
    // Opening everything first also proves every record is readable before anything is written.
    const records: StoredRecord[] = [];
    for (const record of before.records) {
      const plain = await openValue(record.store, record.value, change.from);
      records.push({
        store: record.store,
        value: change.to ? await sealValue(record.store, plain, change.to.cipher) : plain,
      });
    }
    const after: JournalSnapshot = {
      records,
      lock: change.to
        ? {
            id: 'lock',
            keyCheck: change.to.keyCheck,
            ...(change.to.envelope
              ? {
                  publicKey: change.to.envelope.publicKey,
                  sealedPrivateKey: change.to.envelope.sealedPrivateKey,
                }
              : {}),
          }
        : undefined,
    };
    try {
      await journal.replaceAll(before, after);
      return { records: records.length };
    } catch (error) {
      if (!(error instanceof JournalChangedError) || attempt >= attempts) throw error;
    }
  }
}

/**
 * The IndexedDB side: the record stores and `lock-meta` in one database (journal/db.ts owns the
 * schema; the stores are passed by name so this works on any database that has them).
 */
export function indexedDbLockableJournal(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any schema with these stores
  db: IDBPDatabase<any>,
): LockableJournal {
  const storeNames = [...LOCKABLE_STORES, LOCK_META_STORE];
  const fingerprint = (records: StoredRecord[], lock: LockMeta | undefined) =>
    JSON.stringify({
      records: records
        .map((r) => [r.store, r.value])
        .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
      lock: lock ?? null,
    });

  return {
    async snapshot() {
      const tx = db.transaction(storeNames, 'readonly');
      const perStore = await Promise.all(
        LOCKABLE_STORES.map(async (store) =>
          ((await tx.objectStore(store).getAll()) as StoredRecord['value'][]).map((value) => ({
            store,
            value,
          })),
        ),
      );
      const lock = (await tx.objectStore(LOCK_META_STORE).get('lock')) as LockMeta | undefined;
      await tx.done;
      return { records: perStore.flat(), lock };
    },

    async replaceAll(before, after) {
      const tx = db.transaction(storeNames, 'readwrite', { durability: 'strict' });
      try {
        // Inside the transaction: only IndexedDB requests are awaited, so it stays open.
        const current = (
          await Promise.all(
            LOCKABLE_STORES.map(async (store) =>
              ((await tx.objectStore(store).getAll()) as StoredRecord['value'][]).map((value) => ({
                store,
                value,
              })),
            ),
          )
        ).flat();
        const lock = (await tx.objectStore(LOCK_META_STORE).get('lock')) as LockMeta | undefined;
        if (fingerprint(current, lock) !== fingerprint(before.records, before.lock)) {
          throw new JournalChangedError();
        }
        // Each request is watched as it is made: when a later one throws and the transaction is
        // aborted, the earlier ones reject, and that is expected, not an unhandled error.
        const writes: Promise<unknown>[] = [];
        const watch = (request: Promise<unknown>) => {
          request.catch(() => undefined);
          writes.push(request);
        };
        for (const record of after.records) watch(tx.objectStore(record.store).put(record.value));
        watch(
          after.lock
            ? tx.objectStore(LOCK_META_STORE).put(after.lock)
            : tx.objectStore(LOCK_META_STORE).delete('lock'),
        );
        await Promise.all([...writes, tx.done]);
      } catch (error) {
        try {
          tx.abort();
        } catch {
          // Already finished or aborted: nothing was committed either way.
        }
        await tx.done.catch(() => undefined);
        throw error;
      }
    },
  };
}

/** The key as kept in `storage.session` for this browser session only. */
export interface SessionKey {
  params: KeyParams;
  /** base64 raw AES key: in storage.session only, which the browser empties on restart. */
  raw: string;
  lastUsedAt: number;
  /** Auto-lock after this long without use; 0 means only on browser restart or "Lock now". */
  idleMinutes: number;
}

/** False once the idle time has passed: the caller then removes the key and shows "locked". */
export { sessionKeyIsFresh } from './auto-lock';
