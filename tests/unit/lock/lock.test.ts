import { openDB } from 'idb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createPassphraseKey, type EncryptedRecord, type JournalCipher } from '@/utils/lock/crypto';
import {
  JournalChangedError,
  LockStateError,
  indexedDbLockableJournal,
  isSealed,
  openValue,
  reencryptJournal,
  sessionKeyIsFresh,
  type LockableJournal,
} from '@/utils/lock/lock';

// A database shaped like journal/db.ts plus the `lock-meta` store the integration adds.
let dbCount = 0;
async function freshDb() {
  const db = await openDB(`journal-lock-test-${++dbCount}`, 1, {
    upgrade(db) {
      db.createObjectStore('journal-entries', { keyPath: 'id' }).createIndex('by-created-at', 'createdAt');
      db.createObjectStore('drafts', { keyPath: 'id' });
      db.createObjectStore('lock-meta', { keyPath: 'id' });
    },
  });
  const entries = [
    {
      id: 'e1',
      createdAt: 1,
      updatedAt: 1,
      kind: 'reflection',
      text: 'Felt close to him 💛',
      siteId: 'meet',
    },
    {
      id: 'e2',
      createdAt: 2,
      updatedAt: 3,
      kind: 'check-in',
      text: 'Ça va — 大丈夫',
      mood: { value: 2, word: 'low' },
    },
    { id: 'e3', createdAt: 4, updatedAt: 4, kind: 'okay', text: '' },
  ];
  const drafts = [{ id: 'session-9', updatedAt: 5, fields: { kind: 'reflection', text: 'half a thought' } }];
  for (const entry of entries) await db.put('journal-entries', entry);
  for (const draft of drafts) await db.put('drafts', draft);
  return { db, journal: indexedDbLockableJournal(db), entries, drafts };
}

/** Everything in the database, as raw stored values. */
async function dump(db: Awaited<ReturnType<typeof freshDb>>['db']) {
  return {
    entries: await db.getAll('journal-entries'),
    drafts: await db.getAll('drafts'),
    lock: await db.getAll('lock-meta'),
  };
}

const SECRET_WORDS = ['Felt close', 'Ça va', 'half a thought', 'meet', 'reflection', 'low'];

let first: { cipher: JournalCipher; keyCheck: EncryptedRecord };
let second: { cipher: JournalCipher; keyCheck: EncryptedRecord };
beforeAll(async () => {
  [first, second] = await Promise.all([createPassphraseKey('first 🌙'), createPassphraseKey('second ☀️')]);
});

describe('the journal lock', () => {
  it('turning it on seals every entry and draft, keeping only ids and times in clear', async () => {
    const { db, journal, entries, drafts } = await freshDb();
    expect(await reencryptJournal(journal, { from: null, to: first })).toEqual({ records: 4 });

    const stored = await dump(db);
    const raw = JSON.stringify(stored);
    for (const word of SECRET_WORDS) expect(raw).not.toContain(word);
    expect(stored.entries.map((e) => Object.keys(e).sort())).toEqual([
      ['createdAt', 'id', 'sealed', 'updatedAt'],
      ['createdAt', 'id', 'sealed', 'updatedAt'],
      ['createdAt', 'id', 'sealed', 'updatedAt'],
    ]);
    expect(stored.lock).toEqual([{ id: 'lock', keyCheck: first.keyCheck }]);
    // The journal can still sort by date while locked.
    expect((await db.getAllFromIndex('journal-entries', 'by-created-at')).map((e) => e.id)).toEqual([
      'e1',
      'e2',
      'e3',
    ]);
    // And everything opens back to exactly what was written.
    const opened = await Promise.all(
      stored.entries.map((e) => openValue('journal-entries', e, first.cipher)),
    );
    expect(opened).toEqual(entries);
    expect(await openValue('drafts', stored.drafts[0], first.cipher)).toEqual(drafts[0]);
  });

  it('a record moved to another id does not open', async () => {
    const { db, journal } = await freshDb();
    await reencryptJournal(journal, { from: null, to: first });
    const e1 = await db.get('journal-entries', 'e1');
    await expect(openValue('journal-entries', { ...e1, id: 'e2' }, first.cipher)).rejects.toThrow(
      /changed or damaged/,
    );
  });

  it('changing the passphrase re-seals everything; turning it off gives back exactly what was written', async () => {
    const { db, journal, entries, drafts } = await freshDb();
    await reencryptJournal(journal, { from: null, to: first });
    await reencryptJournal(journal, { from: first.cipher, to: second });

    const stored = await dump(db);
    expect(stored.lock).toEqual([{ id: 'lock', keyCheck: second.keyCheck }]);
    await expect(openValue('journal-entries', stored.entries[0], first.cipher)).rejects.toThrow(
      /another key/,
    );

    await reencryptJournal(journal, { from: second.cipher, to: null });
    expect(await dump(db)).toEqual({ entries, drafts, lock: [] });
  });

  it.each([
    ['turning it on', 0],
    ['changing the passphrase', 1],
    ['turning it off', 2],
  ])('interrupted midway while %s, the journal is fully old', async (_name, step) => {
    const { db, journal } = await freshDb();
    const changes = [
      { from: null, to: first },
      { from: first.cipher, to: second },
      { from: second.cipher, to: null },
    ];
    for (const change of changes.slice(0, step)) await reencryptJournal(journal, change);
    const before = await dump(db);

    // The third write in the transaction fails, as a full disk or a killed worker would.
    let puts = 0;
    const realPut = IDBObjectStore.prototype.put;
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (++puts === 3) throw new DOMException('The disk is full.', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    await expect(reencryptJournal(journal, changes[step]!)).rejects.toThrow('The disk is full.');
    put.mockRestore();
    expect(puts).toBe(3);

    expect(await dump(db)).toEqual(before);
    // And the same change, tried again, completes.
    await reencryptJournal(journal, changes[step]!);
    expect((await dump(db)).lock).toEqual(
      changes[step]!.to ? [{ id: 'lock', keyCheck: changes[step]!.to!.keyCheck }] : [],
    );
  });

  it('an entry saved while it runs is included, never left in clear', async () => {
    const { db, journal } = await freshDb();
    let once = true;
    const racing: LockableJournal = {
      snapshot: () => journal.snapshot(),
      async replaceAll(before, after) {
        if (once) {
          once = false;
          await db.put('journal-entries', {
            id: 'e4',
            createdAt: 9,
            updatedAt: 9,
            kind: 'check-in',
            text: 'new one',
          });
        }
        return journal.replaceAll(before, after);
      },
    };
    await reencryptJournal(racing, { from: null, to: first });
    const stored = await dump(db);
    expect(stored.entries).toHaveLength(4);
    expect(stored.entries.every(isSealed)).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('new one');
  });

  it('gives up with a clear error if the journal keeps changing, having changed nothing', async () => {
    const { db, journal } = await freshDb();
    const before = await dump(db);
    const busy: LockableJournal = {
      snapshot: () => journal.snapshot(),
      replaceAll: async () => {
        throw new JournalChangedError();
      },
    };
    await expect(reencryptJournal(busy, { from: null, to: first })).rejects.toThrow(/changed while/);
    expect(await dump(db)).toEqual(before);
  });

  it('refuses to start from the wrong state, and changes nothing', async () => {
    const { db, journal } = await freshDb();
    await expect(reencryptJournal(journal, { from: first.cipher, to: second })).rejects.toThrow(
      LockStateError,
    );
    await reencryptJournal(journal, { from: null, to: first });
    const before = await dump(db);
    await expect(reencryptJournal(journal, { from: null, to: second })).rejects.toThrow(/already on/);
    await expect(reencryptJournal(journal, { from: second.cipher, to: null })).rejects.toThrow(
      LockStateError,
    );
    expect(await dump(db)).toEqual(before);
  });

  it('a damaged record stops the change before anything is written', async () => {
    const { db, journal } = await freshDb();
    await reencryptJournal(journal, { from: null, to: first });
    const e2 = await db.get('journal-entries', 'e2');
    await db.put('journal-entries', {
      ...e2,
      sealed: { ...e2.sealed, data: e2.sealed.data.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A')) },
    });
    const before = await dump(db);
    await expect(reencryptJournal(journal, { from: first.cipher, to: null })).rejects.toThrow(/damaged/);
    expect(await dump(db)).toEqual(before);
  });

  it('the key kept for the session expires after the chosen idle time', () => {
    const key = { params: first.cipher.params, raw: '', lastUsedAt: 0, idleMinutes: 15 };
    expect(sessionKeyIsFresh(key, 14 * 60_000)).toBe(true);
    expect(sessionKeyIsFresh(key, 15 * 60_000)).toBe(false);
    expect(sessionKeyIsFresh({ ...key, idleMinutes: 0 }, 1e12)).toBe(true);
  });
});
