import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteDatabase } from '@/utils/journal/erase-everything';
import { closeSharedJournalDb, JOURNAL_DB_NAME, sharedJournalDb } from '@/utils/journal/db';
import { createJournalStore } from '@/utils/journal/store';
import { lockJournal, turnLockOn } from '@/utils/lock/keys';
import {
  FIRST_PAGE_SIZE,
  lockStatusWithoutCrypto,
  newestByDate,
  readFirstPage,
} from '@/utils/journal/first-page';

afterEach(async () => {
  await closeSharedJournalDb();
  await deleteDatabase(JOURNAL_DB_NAME);
});

async function journalOf(count: number) {
  let clock = 1_000;
  const store = createJournalStore(await sharedJournalDb(), () => clock);
  for (let i = 0; i < count; i++) {
    // Every third entry shares its moment with the one before: the id decides between them.
    if (i % 3 !== 2) clock += 1_000;
    await store.add({ kind: 'reflection', text: `entry ${i}` });
  }
  return store;
}

describe('the journal page’s first page', () => {
  it('is empty for a new journal, with the lock off', async () => {
    expect(await readFirstPage(FIRST_PAGE_SIZE)).toEqual({ lock: 'off', entries: [] });
  });

  it('holds the fifty newest entries, in the order the whole journal is listed', async () => {
    const store = await journalOf(60);
    const first = await readFirstPage(FIRST_PAGE_SIZE);
    expect(first.lock).toBe('off');
    const all = await store.all();
    expect(first.lock === 'off' && first.entries).toEqual(all.slice(0, 50));
    expect(await store.newest(50)).toEqual(all.slice(0, 50));
  });

  it('shows nothing while the lock is on, and tells an open lock from a locked one', async () => {
    await journalOf(3);
    expect(await lockStatusWithoutCrypto()).toBe('off');
    await turnLockOn(await sharedJournalDb(), 'river stones 🌊', 0);
    expect(await readFirstPage(FIRST_PAGE_SIZE)).toEqual({ lock: 'on' });
    expect(await lockStatusWithoutCrypto()).toBe('open');
    await lockJournal();
    expect(await lockStatusWithoutCrypto()).toBe('locked');
  });

  it('never creates a database just to find the lock off', async () => {
    expect(await lockStatusWithoutCrypto()).toBe('off');
    const names = (await indexedDB.databases()).map((db) => db.name);
    expect(names).not.toContain(JOURNAL_DB_NAME);
  });

  it('reads backwards in one request where the browser can', async () => {
    const prototype = IDBIndex.prototype as unknown as Record<string, unknown>;
    prototype.getAllRecords = () => undefined;
    try {
      const index = { getAll: vi.fn(async () => ['newest']), openCursor: vi.fn() };
      expect(await newestByDate(index, 50)).toEqual(['newest']);
      expect(index.getAll).toHaveBeenCalledWith({ count: 50, direction: 'prev' });
      expect(index.openCursor).not.toHaveBeenCalled();
    } finally {
      delete prototype.getAllRecords;
    }
  });
});
