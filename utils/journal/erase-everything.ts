import { browser } from 'wxt/browser';
import { JOURNAL_DB_NAME, closeSharedJournalDb } from './db';

/**
 * "Delete everything": the journal and drafts (the whole IndexedDB database), settings, contacts
 * and every other value in extension storage. Called only after the user confirmed it.
 */

/** Deletes a database; resolves once it is gone. Other open pages are asked to close (`blocking`). */
export function deleteDatabase(name: string, idb: IDBFactory = indexedDB): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = idb.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`));
    // `blocked` only means another page has not closed yet; `success` still follows once it has.
  });
}

export async function eraseEverything(idb: IDBFactory = indexedDB): Promise<void> {
  await closeSharedJournalDb();
  await deleteDatabase(JOURNAL_DB_NAME, idb);
  await browser.storage.local.clear();
  // storage.session exists in MV3 Chrome and Firefox 115+; nothing to clear where it is missing.
  await browser.storage.session?.clear();
}
