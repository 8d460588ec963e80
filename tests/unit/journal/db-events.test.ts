import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteDatabase } from '@/utils/journal/erase-everything';
import { unwrap } from 'idb';
import { closeSharedJournalDb, JOURNAL_DB_NAME, sharedJournalDb } from '@/utils/journal/db';

afterEach(async () => {
  await closeSharedJournalDb();
  await deleteDatabase(JOURNAL_DB_NAME);
});

/** A page of an older Aftercare holding version 1 open, deaf to requests to close it. */
function olderPageHoldsTheJournal(): Promise<IDBDatabase> {
  return new Promise((resolveOpen, rejectOpen) => {
    const request = indexedDB.open(JOURNAL_DB_NAME, 1);
    request.onupgradeneeded = () =>
      request.result
        .createObjectStore('journal-entries', { keyPath: 'id' })
        .createIndex('by-created-at', 'createdAt');
    request.onsuccess = () => resolveOpen(request.result);
    request.onerror = () => rejectOpen(request.error);
  });
}

describe("the page's shared journal connection", () => {
  it('tells the journal it waits on an older page, even when the first read opened it without asking', async () => {
    const older = await olderPageHoldsTheJournal();
    // The first page is read as the script starts, before the journal wires up its notices.
    const firstRead = sharedJournalDb();
    await vi.waitFor(() => expect(older.version).toBe(1));
    await new Promise((wait) => setTimeout(wait, 20));
    const onBlocked = vi.fn();
    const later = sharedJournalDb({ onBlocked });
    await vi.waitFor(() => expect(onBlocked).toHaveBeenCalled());
    // Once the older page lets go, both get the same, upgraded connection.
    older.close();
    const [db, same] = await Promise.all([firstRead, later]);
    expect(db).toBe(same);
    expect(db.version).toBeGreaterThan(1);
  });

  it('tells every part of the page that asked when the browser closes the connection, and opens a new one', async () => {
    const opened = await sharedJournalDb();
    const first = vi.fn();
    const second = vi.fn();
    await sharedJournalDb({ onTerminated: first });
    await sharedJournalDb({ onTerminated: second });
    // What the browser does when it pulls the plug (storage cleared, disk trouble). fake-indexeddb
    // dispatches only events shaped like its own, so the 'close' event is written out as one.
    const close = { type: 'close', initialized: true, dispatched: false, eventPath: [], bubbles: false };
    unwrap(opened).dispatchEvent({ ...close, NONE: 0, CAPTURING_PHASE: 1, AT_TARGET: 2 } as unknown as Event);
    expect(first).toHaveBeenCalledOnce();
    expect(second).toHaveBeenCalledOnce();
    expect(await sharedJournalDb()).not.toBe(opened);
  });
});
