import { describe, expect, it } from 'vitest';
import { JOURNAL_DB_VERSION, openJournalDb } from '@/utils/journal/db';
import { createJournalStore } from '@/utils/journal/store';

/** Builds a database the way an earlier Aftercare did, with raw IndexedDB and no help from idb. */
function createOldDatabase(
  name: string,
  version: 1 | 2,
  entries: object[],
  drafts: object[] = [],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => {
      const db = request.result;
      const store = db.createObjectStore('journal-entries', { keyPath: 'id' });
      store.createIndex('by-created-at', 'createdAt');
      if (version >= 2) db.createObjectStore('drafts', { keyPath: 'id' });
    };
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const stores = version >= 2 ? ['journal-entries', 'drafts'] : ['journal-entries'];
      const tx = db.transaction(stores, 'readwrite');
      for (const entry of entries) tx.objectStore('journal-entries').put(entry);
      for (const draft of drafts) tx.objectStore('drafts').put(draft);
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

const v1Entries = [
  {
    id: 'a',
    createdAt: 1000,
    updatedAt: 1000,
    kind: 'reflection',
    text: 'From the first version',
    sessionId: 's1',
    siteId: 'practice',
  },
  { id: 'b', createdAt: 2000, updatedAt: 2500, kind: 'check-in', text: 'Zweiter Eintrag 💛' },
];

describe('opening a journal written by an earlier version', () => {
  it('keeps every entry of a version 1 database and adds the drafts and lock stores', async () => {
    await createOldDatabase('migrate-v1', 1, v1Entries);
    const db = await openJournalDb('migrate-v1');
    expect(db.version).toBe(JOURNAL_DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['drafts', 'journal-entries', 'lock-meta']);
    const store = createJournalStore(db);
    expect(await store.all()).toEqual([...v1Entries].reverse());
    expect(await store.newest(1)).toEqual([v1Entries[1]]);
    db.close();
  });

  it('keeps every entry and draft of a version 2 database, new fields included', async () => {
    const entries = [
      ...v1Entries,
      {
        id: 'c',
        createdAt: 3000,
        updatedAt: 3000,
        kind: 'okay',
        text: '',
        mood: { value: 4, word: 'Good' },
        tags: ['rest'],
        answers: [{ question: 'Need?', answer: 'Tea' }],
      },
    ];
    const drafts = [{ id: 'manual', updatedAt: 10, fields: { kind: 'check-in', text: 'half a thought' } }];
    await createOldDatabase('migrate-v2', 2, entries, drafts);
    const db = await openJournalDb('migrate-v2');
    const store = createJournalStore(db);
    expect(await store.all()).toEqual([...entries].reverse());
    expect(await store.drafts()).toEqual(drafts);
    db.close();
  });

  it('a version 2 journal opens at version 3 intact, with the lock off', async () => {
    const drafts = [
      { id: 'session:s1', updatedAt: 20, fields: { kind: 'reflection', text: 'not done yet' } },
    ];
    await createOldDatabase('migrate-v2-to-v3', 2, v1Entries, drafts);
    const db = await openJournalDb('migrate-v2-to-v3');
    expect(db.version).toBe(3);
    expect(await db.getAll('lock-meta')).toEqual([]);
    expect(await db.getAll('journal-entries')).toEqual(v1Entries);
    const store = createJournalStore(db);
    expect(await store.all()).toEqual([...v1Entries].reverse());
    expect(await store.drafts()).toEqual(drafts);
    // And it is written to as before.
    await store.add({ kind: 'check-in', text: 'after the upgrade' });
    expect(await store.count()).toBe(3);
    db.close();
  });
});
