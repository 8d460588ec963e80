// Exposes Aftercare's real modules to `npm run bench` (scripts/bench.mjs), so the benchmark times
// the code users run rather than a copy. Built only in the practice build (see wxt.config.ts).
import { openJournalDb, JOURNAL_DB_NAME } from '@/utils/journal/db';
import { createJournalStore } from '@/utils/journal/store';
import { filterEntries } from '@/utils/journal/search';
import { exportJson } from '@/utils/journal/export';
import { parseJsonBackup, planImport } from '@/utils/journal/import';
import { createPassphraseKey, unlockWithPassphrase } from '@/utils/lock/crypto';
import { deleteDatabase } from '@/utils/journal/erase-everything';

const harness = {
  openJournalDb,
  createJournalStore,
  JOURNAL_DB_NAME,
  filterEntries,
  exportJson,
  parseJsonBackup,
  planImport,
  createPassphraseKey,
  unlockWithPassphrase,
  deleteDatabase,
};

declare global {
  var aftercareBench: typeof harness;
}

globalThis.aftercareBench = harness;
document.title = 'bench-ready';
