import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { JOURNAL_DB_NAME, sharedJournalDb } from '@/utils/journal/db';
import { createJournalStore } from '@/utils/journal/store';
import { eraseEverything } from '@/utils/journal/erase-everything';
import { persistenceState, protectionState, requestPersistence } from '@/utils/journal/storage-persistence';

describe('delete everything', () => {
  it('leaves nothing of mine in IndexedDB or extension storage', async () => {
    const store = createJournalStore(await sharedJournalDb());
    await store.add({ kind: 'reflection', text: 'private words' });
    await store.putAll([], [{ id: 'manual', updatedAt: 1, fields: { kind: 'check-in', text: 'a draft' } }]);
    await fakeBrowser.storage.local.set({ settings: { version: 1 }, contacts: [{ name: 'Sam' }] });
    await fakeBrowser.storage.session.set({ 'open-session': { id: 's1' } });

    await eraseEverything();

    expect((await indexedDB.databases()).map((db) => db.name)).not.toContain(JOURNAL_DB_NAME);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    // The page keeps working afterwards, with an empty journal.
    expect(await createJournalStore(await sharedJournalDb()).count()).toBe(0);
  });
});

describe('persistent storage', () => {
  it('asks once and reports what the browser decided', async () => {
    let granted = false;
    const storage = { persisted: async () => granted, persist: async () => (granted = true) };
    expect(await persistenceState(storage)).toBe('not-persisted');
    expect(await requestPersistence(storage)).toBe('persisted');
    expect(await persistenceState(storage)).toBe('persisted');
  });

  it('copes with a browser that refuses or cannot ask', async () => {
    expect(await requestPersistence({ persisted: async () => false, persist: async () => false })).toBe(
      'not-persisted',
    );
    expect(await requestPersistence({ persist: () => Promise.reject(new Error('no')) })).toBe(
      'not-persisted',
    );
    expect(await requestPersistence(undefined)).toBe('unsupported');
  });

  it('counts unlimited storage as safe from eviction', () => {
    expect(protectionState('not-persisted', true)).toBe('unlimited');
    expect(protectionState('not-persisted', false)).toBe('not-persisted');
    expect(protectionState('persisted', false)).toBe('persisted');
  });
});
