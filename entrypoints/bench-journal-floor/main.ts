// The floor `npm run bench` puts beside the journal page's first paint (scripts/bench.mjs): a bare
// extension page, opened the same way, that opens the journal's database, reads the 50 newest
// entries by the date index in one request, and writes their text as plain paragraphs. No
// library, no framework, no styles: what any page showing those entries must at least do.
// Built only in the practice build (see wxt.config.ts).
import { JOURNAL_DB_NAME } from '@/utils/journal/db-name';

const open = indexedDB.open(JOURNAL_DB_NAME);
open.onsuccess = () => {
  const db = open.result;
  const index = db.transaction('journal-entries').objectStore('journal-entries').index('by-created-at');
  // Chrome 141 on reads backwards in one request (the journal page does the same there).
  const newest = (index.getAll as (options: object) => IDBRequest<{ text: string }[]>)({
    count: 50,
    direction: 'prev',
  });
  newest.onsuccess = () => {
    const main = document.getElementById('entries')!;
    for (const entry of newest.result) {
      const paragraph = document.createElement('p');
      paragraph.className = 'journal-entry';
      paragraph.textContent = entry.text;
      main.append(paragraph);
    }
    db.close();
  };
};
