import { browser } from 'wxt/browser';
import {
  createPassphraseKey,
  exportSessionKey,
  importSessionKey,
  unlockWithPassphrase,
  type JournalCipher,
  type KeyParams,
} from './crypto';
import { createEnvelopeKeys, openEnvelopePrivateKey } from './envelope';
import {
  LOCKABLE_STORES,
  LockStateError,
  indexedDbLockableJournal,
  isSealed,
  reencryptJournal,
  sessionKeyIsFresh,
  type JournalOpener,
  type LockMeta,
} from './lock';
import { JOURNAL_DB_NAME, sharedJournalDb, type AftercareDb } from '../journal/db';
import { journalKeyItem } from '../shared/storage-items';
import { AUTO_LOCK_ALARM, lockJournal } from './auto-lock';

export { AUTO_LOCK_ALARM, expireIdleJournalKey, lockJournal, registerJournalAutoLock } from './auto-lock';
import { forgetLockStates, writeThroughLock } from './records';

/**
 * The lock at run time: where the unlocked key is kept (`storage.session`, see storage-items.ts),
 * unlocking, "Lock now", idle auto-lock, and turning the lock on, off, or changing the passphrase.
 * The crypto is in crypto.ts and lock/envelope.ts; the all-or-nothing re-encryption in
 * lock/lock.ts.
 */

/** Using the journal counts as activity; the stored time is only moved on this often. */
const TOUCH_EVERY_MS = 30_000;
export const MIN_PASSPHRASE_LENGTH = 8;

type KeyItem = Pick<typeof journalKeyItem, 'getValue' | 'setValue' | 'removeValue'>;

interface KeyOptions {
  item?: KeyItem;
  now?: () => number;
}

/** How the journal stores get the key for the lock as it is stored right now. */
export interface JournalAccess {
  /** The unlocked key for `meta`, or null while locked (and always null while the lock is off). */
  opener(meta: LockMeta | undefined): Promise<JournalOpener | null>;
}

/** A fixed key (or none): for tests and for code that has just unlocked. */
export const fixedJournalAccess = (opener: JournalOpener | null): JournalAccess => ({
  opener: async () => opener,
});

const sameParams = (a: KeyParams, b: KeyParams) => a.kdf === b.kdf && a.iter === b.iter && a.salt === b.salt;

export function readLockMeta(db: AftercareDb): Promise<LockMeta | undefined> {
  return db.get('lock-meta', 'lock');
}

async function withEnvelopeKey(cipher: JournalCipher, meta: LockMeta): Promise<JournalOpener> {
  const envelopeKey = meta.sealedPrivateKey
    ? await openEnvelopePrivateKey(cipher, meta.sealedPrivateKey)
    : undefined;
  return { ...cipher, envelopeKey };
}

/**
 * The key kept for this browser session, checked on every read: past the idle time it is removed
 * and the journal reads as locked. Each use moves the idle clock on.
 */
export function sessionJournalAccess({
  item = journalKeyItem,
  now = Date.now,
}: KeyOptions = {}): JournalAccess {
  let cache: { raw: string; meta: string; opener: JournalOpener } | null = null;
  return {
    async opener(meta) {
      if (!meta) return null;
      const stored = await item.getValue();
      if (!stored) return null;
      const at = now();
      if (!sessionKeyIsFresh(stored, at)) {
        cache = null;
        await lockJournal({ item });
        return null;
      }
      // A key from before a passphrase change opens nothing; it is left for the page that is
      // storing the new one to replace.
      if (!sameParams(stored.params, meta.keyCheck)) return null;
      if (at - stored.lastUsedAt >= TOUCH_EVERY_MS) await item.setValue({ ...stored, lastUsedAt: at });
      const metaId = JSON.stringify(meta);
      if (cache?.raw !== stored.raw || cache.meta !== metaId) {
        cache = {
          raw: stored.raw,
          meta: metaId,
          opener: await withEnvelopeKey(await importSessionKey(stored), meta),
        };
      }
      return cache.opener;
    },
  };
}

let pageAccess: JournalAccess | null = null;
/** The one access a page uses (one cache of the imported key per page). */
export function pageJournalAccess(): JournalAccess {
  if (!pageAccess) {
    pageAccess = sessionJournalAccess();
    watchLockChanges();
  }
  return pageAccess;
}

/** True when the lock is on and this browser session holds no fresh key for it. */
export async function isJournalLocked(db: AftercareDb, access = pageJournalAccess()): Promise<boolean> {
  const meta = await readLockMeta(db);
  return Boolean(meta) && (await access.opener(meta)) === null;
}

export type LockStatus = 'off' | 'open' | 'locked';

/**
 * The lock as a page shows it. A journal that does not exist (never written, or just deleted with
 * "delete everything") is not opened, so checking the lock never creates an empty database.
 */
export async function journalLockStatus(access = pageJournalAccess()): Promise<LockStatus> {
  const existing = await globalThis.indexedDB?.databases?.().catch(() => undefined);
  if (existing && !existing.some((db) => db.name === JOURNAL_DB_NAME)) return 'off';
  const db = await sharedJournalDb();
  const meta = await readLockMeta(db);
  if (!meta) return 'off';
  return (await access.opener(meta)) ? 'open' : 'locked';
}

async function rememberKey(
  cipher: JournalCipher,
  idleMinutes: number,
  { item = journalKeyItem, now = Date.now }: KeyOptions,
): Promise<JournalCipher> {
  const exported = await exportSessionKey(cipher);
  await item.setValue({ ...exported, lastUsedAt: now(), idleMinutes });
  if (idleMinutes > 0) {
    // The alarm removes an idle key even when no page reads it; every read checks it as well.
    await browser.alarms?.create(AUTO_LOCK_ALARM, { periodInMinutes: 1 });
  }
  // From here on this page holds a key that cannot be read back out of WebCrypto.
  return importSessionKey(exported);
}

/** Opens the journal for this browser session. A wrong passphrase throws and stores nothing. */
export async function unlockJournal(
  db: AftercareDb,
  passphrase: string,
  idleMinutes: number,
  options: KeyOptions = {},
): Promise<JournalOpener> {
  const meta = await readLockMeta(db);
  if (!meta) throw new LockStateError('The lock is off.');
  const cipher = await unlockWithPassphrase(passphrase, meta.keyCheck, { extractable: true });
  const opener = await withEnvelopeKey(cipher, meta);
  return { ...(await rememberKey(cipher, idleMinutes, options)), envelopeKey: opener.envelopeKey };
}

/** "Lock now", and what idle time and the alarm do: the key leaves this browser session. */
/** Keeps a changed idle time for the key already held. */
export async function setKeyIdleMinutes(idleMinutes: number, { item = journalKeyItem }: KeyOptions = {}) {
  const stored = await item.getValue();
  if (!stored) return;
  await item.setValue({ ...stored, idleMinutes });
  if (idleMinutes > 0) await browser.alarms?.create(AUTO_LOCK_ALARM, { periodInMinutes: 1 });
}

async function newLock(passphrase: string) {
  const { cipher, keyCheck } = await createPassphraseKey(passphrase, { extractable: true });
  const envelope = await createEnvelopeKeys(cipher);
  return { cipher, keyCheck, envelope };
}

async function openWithPassphrase(db: AftercareDb, passphrase: string): Promise<JournalOpener> {
  const meta = await readLockMeta(db);
  if (!meta) throw new LockStateError('The lock is off.');
  return withEnvelopeKey(await unlockWithPassphrase(passphrase, meta.keyCheck), meta);
}

/** Turns the lock on: every entry and draft sealed in one step, and the journal left unlocked. */
export async function turnLockOn(
  db: AftercareDb,
  passphrase: string,
  idleMinutes: number,
  options: KeyOptions = {},
) {
  const to = await newLock(passphrase);
  const result = await reencryptJournal(indexedDbLockableJournal(db), { from: null, to });
  await rememberKey(to.cipher, idleMinutes, options);
  await sealLeftovers(db, { ...to.cipher, envelopeKey: to.envelope.privateKey });
  return result;
}

/**
 * A check-in window that closed at the very moment the lock was turned on may have sent its last
 * draft before it could see the lock (lock/records.ts): anything still in clear is sealed now.
 */
export async function sealLeftovers(db: AftercareDb, opener: JournalOpener): Promise<number> {
  const tx = db.transaction(LOCKABLE_STORES, 'readonly');
  const [entries, drafts] = await Promise.all([
    tx.objectStore('journal-entries').getAll(),
    tx.objectStore('drafts').getAll(),
    tx.done,
  ]);
  const leftovers = [
    ...entries.map((value) => ({ store: 'journal-entries' as const, value })),
    ...drafts.map((value) => ({ store: 'drafts' as const, value })),
  ].filter(({ value }) => !isSealed(value));
  for (const { store, value } of leftovers) {
    await writeThroughLock(db, fixedJournalAccess(opener), async () => ({
      puts: [{ store, value: { ...value } }],
      expect: [{ store, id: value.id, raw: value }],
    })).catch(() => undefined); // changed meanwhile: then it was written through the lock
  }
  return leftovers.length;
}

/** Each page forgets what it knew of the lock whenever the key changes (the lock turned on, say). */
export function watchLockChanges(): () => void {
  return journalKeyItem.watch(forgetLockStates);
}

/** A new passphrase (and a new key pair): everything re-sealed in one step. */
export async function changePassphrase(
  db: AftercareDb,
  current: string,
  next: string,
  idleMinutes: number,
  options: KeyOptions = {},
) {
  const from = await openWithPassphrase(db, current);
  const to = await newLock(next);
  const result = await reencryptJournal(indexedDbLockableJournal(db), { from, to });
  await rememberKey(to.cipher, idleMinutes, options);
  return result;
}

/** Turns the lock off: everything stored readable again, in one step, and the key forgotten. */
export async function turnLockOff(db: AftercareDb, passphrase: string, options: KeyOptions = {}) {
  const from = await openWithPassphrase(db, passphrase);
  const result = await reencryptJournal(indexedDbLockableJournal(db), { from, to: null });
  await lockJournal(options);
  return result;
}

/** For the background: the alarm that removes an idle key when no page is reading it. */
