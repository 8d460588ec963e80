import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteDatabase } from '@/utils/journal/erase-everything';
import { JOURNAL_DB_NAME, JOURNAL_DB_VERSION, openJournalDb } from '@/utils/journal/db';
import { hasDraft } from '@/utils/journal/existing-journal';
import { warmJournalStore } from '@/utils/journal/warm-journal-store';

afterEach(async () => {
  await deleteDatabase(JOURNAL_DB_NAME);
});

const journalExists = async () =>
  (await indexedDB.databases()).some((database) => database.name === JOURNAL_DB_NAME);

describe('the popup warming the journal store', () => {
  it('never creates the journal for someone who has not written in it', async () => {
    expect(await journalExists()).toBe(false);
    expect(await warmJournalStore()).toBe(false);
    expect(await journalExists()).toBe(false);
  });

  it('holds an existing journal open without changing its version or its entries', async () => {
    const db = await openJournalDb();
    await db.put('journal-entries', { id: 'a', createdAt: 1, updatedAt: 1, kind: 'okay', text: '' });
    db.close();
    expect(await warmJournalStore()).toBe(true);
    const again = await openJournalDb();
    expect(again.version).toBe(JOURNAL_DB_VERSION);
    expect(await again.count('journal-entries')).toBe(1);
    again.close();
  });

  it('lets "delete everything" and upgrades through at once', async () => {
    (await openJournalDb()).close();
    expect(await warmJournalStore()).toBe(true);
    // An upgrade by a newer page is not blocked by the held connection.
    const upgrade = await new Promise<string>((done) => {
      const request = indexedDB.open(JOURNAL_DB_NAME, JOURNAL_DB_VERSION + 1);
      request.onblocked = () => done('blocked');
      request.onsuccess = () => {
        request.result.close();
        done('opened');
      };
    });
    expect(upgrade).toBe('opened');
    // Nor is deleting the journal.
    const deletion = await new Promise<string>((done) => {
      const request = indexedDB.deleteDatabase(JOURNAL_DB_NAME);
      request.onblocked = () => done('blocked');
      request.onsuccess = () => done('deleted');
    });
    expect(deletion).toBe('deleted');
    expect(await journalExists()).toBe(false);
  });

  it('stays quiet where there is no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    try {
      expect(await warmJournalStore()).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('the background asking whether a check-in has a draft', () => {
  it('answers from the draft alone, and never creates a journal to answer', async () => {
    expect(await hasDraft('session:a')).toBe(false);
    expect(await journalExists()).toBe(false);
    const db = await openJournalDb();
    await db.put('drafts', { id: 'session:a', updatedAt: 1, fields: { kind: 'reflection', text: 'so far' } });
    db.close();
    expect(await hasDraft('session:a')).toBe(true);
    expect(await hasDraft('session:b')).toBe(false);
  });

  it('answers no for a journal from before drafts were kept', async () => {
    await new Promise<void>((done) => {
      const request = indexedDB.open(JOURNAL_DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('journal-entries', { keyPath: 'id' });
      request.onsuccess = () => {
        request.result.close();
        done();
      };
    });
    expect(await hasDraft('session:a')).toBe(false);
    // Left as it was, for the journal's own upgrade.
    expect((await indexedDB.databases()).find((d) => d.name === JOURNAL_DB_NAME)?.version).toBe(1);
  });
});
