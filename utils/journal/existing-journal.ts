import { JOURNAL_DB_NAME } from './db-name';

/**
 * The journal's database as it is, for a look that must change nothing: the toolbar popup's head
 * start (warm-journal-store.ts) and the background asking whether a check-in has a draft. No
 * schema, no idb: the background and the popup stay small.
 *
 * - It never creates the database: with none there yet, the open is aborted before anything is
 *   written, and the browser drops what it began.
 * - It never stands in anyone's way: when another page upgrades or deletes the database ("delete
 *   everything"), the connection closes at once.
 * - Any failure gives null: the caller carries on as if there were no journal.
 */
export function openExistingJournal(
  factory: IDBFactory | undefined = globalThis.indexedDB,
): Promise<IDBDatabase | null> {
  return new Promise((settled) => {
    let request: IDBOpenDBRequest;
    try {
      // No version: an existing database opens as it is, never upgraded from here.
      request = factory!.open(JOURNAL_DB_NAME);
    } catch {
      settled(null);
      return;
    }
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close();
      settled(db);
    };
    request.onerror = (event) => {
      event.preventDefault();
      settled(null);
    };
  });
}

/**
 * Whether a draft is stored under this id. Only its presence is read, never its words (a draft of
 * a locked journal is sealed, and stays so).
 */
export async function hasDraft(
  draftId: string,
  factory: IDBFactory | undefined = globalThis.indexedDB,
): Promise<boolean> {
  const db = await openExistingJournal(factory);
  if (!db) return false;
  try {
    if (!db.objectStoreNames.contains('drafts')) return false;
    const request = db.transaction('drafts').objectStore('drafts').count(draftId);
    return await new Promise<boolean>((settled) => {
      request.onsuccess = () => settled(request.result > 0);
      request.onerror = () => settled(false);
    });
  } catch {
    return false;
  } finally {
    db.close();
  }
}
