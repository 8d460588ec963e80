import type { EncryptedRecord, JournalCipher } from './crypto';
import type { EnvelopeKeys, EnvelopeRecord } from './envelope';

/**
 * What every journal reader needs to know about the passphrase lock without its crypto: which
 * fields stay in clear, where the lock's record lives, and how a sealed value looks. Kept apart
 * from lock/lock.ts so that a check-in with the lock off (the default) never loads the crypto
 * code: lock/records.ts imports that only once it finds the lock on.
 */

/** Fields each store keeps in clear so the journal can list and sort without the key. */
export const CLEAR_FIELDS = {
  'journal-entries': ['id', 'createdAt', 'updatedAt'],
  drafts: ['id', 'updatedAt'],
} as const satisfies Record<string, readonly string[]>;

export type LockableStore = keyof typeof CLEAR_FIELDS;
export const LOCKABLE_STORES = Object.keys(CLEAR_FIELDS) as LockableStore[];

/**
 * The one record in the `lock-meta` store while the lock is on. Absent means the lock is off.
 * `publicKey` and `sealedPrivateKey` (lock/envelope.ts) let a check-in be saved while locked.
 */
export interface LockMeta extends Partial<EnvelopeKeys> {
  id: 'lock';
  keyCheck: EncryptedRecord;
}
export const LOCK_META_STORE = 'lock-meta';

/** A journal record as the journal reads it: an id and its fields, nothing sealed. */
export type PlainValue = { id: string } & Record<string, unknown>;

export type SealedValue = { id: string; sealed: EncryptedRecord | EnvelopeRecord } & Record<string, unknown>;

/**
 * An unlocked journal: the passphrase key, and the lock's private key that opens what was written
 * while it was locked.
 */
export type JournalOpener = JournalCipher & { envelopeKey?: CryptoKey };

export class LockStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockStateError';
  }
}

export const isSealed = (value: object): value is SealedValue =>
  typeof (value as { sealed?: unknown }).sealed === 'object' &&
  (value as { sealed?: unknown }).sealed !== null;
