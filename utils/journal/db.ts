import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { JOURNAL_DB_NAME } from './db-name';
import type { LockMeta, SealedValue } from '../lock/lock';

/**
 * The one owner of Aftercare's IndexedDB schema. The upgrade ladder only ever grows: an old step is
 * never rewritten, so a database from any earlier version reaches the newest one with its entries.
 */

export { JOURNAL_DB_NAME };
export const JOURNAL_DB_VERSION = 3;

/** The quick 5-step scale (1 = very low … 5 = very good), with the word the user saw. */
export interface MoodScale {
  value: 1 | 2 | 3 | 4 | 5;
  word: string;
}

/** The optional nuance step: a point on the energy × pleasantness map, with chosen words. */
export interface MoodNuance {
  /** -1 (very low energy) … 1 (very high energy). */
  energy: number;
  /** -1 (very unpleasant) … 1 (very pleasant). */
  pleasantness: number;
  /** 0 … 1. */
  intensity: number;
  feelings: string[];
}

export interface JournalAnswer {
  question: string;
  answer: string;
}

export interface JournalEntry {
  id: string;
  createdAt: number;
  updatedAt: number;
  /**
   * `reflection` is written after a session; `check-in` is any other entry; `okay` is the
   * one-click "I'm okay".
   */
  kind: 'reflection' | 'check-in' | 'okay';
  text: string;
  sessionId?: string;
  siteId?: string;
  mood?: MoodScale;
  nuance?: MoodNuance;
  answers?: JournalAnswer[];
  tags?: string[];
  /** The intention written before the session, when there was one. */
  intention?: string;
}

/** A reflection in progress, autosaved as the user types. One per session (or `manual`). */
export interface JournalDraft {
  id: string;
  updatedAt: number;
  fields: Omit<JournalEntry, 'id' | 'createdAt' | 'updatedAt'>;
}

/**
 * With the passphrase lock on (lock/lock.ts), entries and drafts are stored sealed: their id and
 * dates in clear, everything else in `sealed`. Read them through journal/store.ts / journal/drafts.ts,
 * which open them.
 */
export interface AftercareDbSchema extends DBSchema {
  'journal-entries': {
    key: string;
    value: JournalEntry | SealedValue;
    indexes: { 'by-created-at': number };
  };
  drafts: {
    key: string;
    value: JournalDraft | SealedValue;
  };
  /** Version 3: the lock's key check and envelope keys; empty while the lock is off. */
  'lock-meta': {
    key: string;
    value: LockMeta;
  };
}

export type AftercareDb = IDBPDatabase<AftercareDbSchema>;

type Dated = Pick<JournalEntry, 'id' | 'createdAt'>;

/** The `by-created-at` index's order, for entries sorted in memory: oldest first, then by id (its key). */
export const byCreatedAt = (a: Dated, b: Dated) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface JournalDbEvents {
  /** An older Aftercare page still holds the database open, so this one waits for it to close. */
  onBlocked?: () => void;
  /** The browser closed the connection (storage cleared, disk trouble); the next call reopens it. */
  onTerminated?: () => void;
}

export function openJournalDb(name = JOURNAL_DB_NAME, events: JournalDbEvents = {}): Promise<AftercareDb> {
  return openDB<AftercareDbSchema>(name, JOURNAL_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const entries = db.createObjectStore('journal-entries', { keyPath: 'id' });
        entries.createIndex('by-created-at', 'createdAt');
      }
      if (oldVersion < 2) {
        db.createObjectStore('drafts', { keyPath: 'id' });
      }
      if (oldVersion < 3) {
        db.createObjectStore('lock-meta', { keyPath: 'id' });
      }
    },
    blocked() {
      events.onBlocked?.();
    },
    // Another tab holds an older version open: close ours so its upgrade is never stuck on us.
    blocking(_currentVersion, _blockedVersion, event) {
      (event.target as IDBDatabase | null)?.close();
    },
    terminated() {
      events.onTerminated?.();
    },
  });
}

let shared: Promise<AftercareDb> | null = null;
/** Every part of the page that asked to hear, whichever of them happened to open the connection. */
const blockedListeners = new Set<() => void>();
const terminatedListeners = new Set<() => void>();
/** The open is waiting on another page right now (a listener added late still hears it). */
let blockedNow = false;

/**
 * One connection per page, reopened after the browser terminates it or another page asks it to
 * close (an upgrade, or "delete everything"), so a long-open journal tab never holds a dead handle.
 * The journal's first page is read before its notices are wired up, so `events` are kept for the
 * page's whole life rather than for the one open that happened to carry them.
 */
export function sharedJournalDb(events: JournalDbEvents = {}): Promise<AftercareDb> {
  if (events.onBlocked) {
    blockedListeners.add(events.onBlocked);
    if (blockedNow) events.onBlocked();
  }
  if (events.onTerminated) terminatedListeners.add(events.onTerminated);
  if (!shared) {
    const forget = () => {
      shared = null;
    };
    const opening = openJournalDb(JOURNAL_DB_NAME, {
      onBlocked: () => {
        blockedNow = true;
        blockedListeners.forEach((listener) => listener());
      },
      onTerminated: () => {
        forget();
        terminatedListeners.forEach((listener) => listener());
      },
    });
    shared = opening;
    const settled = () => {
      blockedNow = false;
    };
    opening.then(settled, settled);
    opening.then((db) => db.addEventListener('versionchange', forget), forget);
  }
  return shared;
}

/** Closes this page's shared connection, so the database can be deleted or upgraded now. */
export async function closeSharedJournalDb(): Promise<void> {
  const current = shared;
  shared = null;
  if (current) (await current.catch(() => null))?.close();
}
