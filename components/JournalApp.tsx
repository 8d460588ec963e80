import { useEffect, useState } from 'preact/hooks';
import { JournalList } from './JournalList';
import type { JournalEntry } from '@/utils/journal-db';
import { openJournalDb } from '@/utils/journal-db';
import { createJournalStore } from '@/utils/journal-store';
import { t } from '@/utils/i18n';

const PAGE_SIZE = 50;

export function JournalApp() {
  const [entries, setEntries] = useState<JournalEntry[] | null>(null);

  useEffect(() => {
    void openJournalDb()
      .then((db) => createJournalStore(db).newest(PAGE_SIZE))
      .then(setEntries);
  }, []);

  return (
    <main>
      <h1>{t('journalTitle')}</h1>
      <p class="muted">{t('journalIntro')}</p>
      {entries && <JournalList entries={entries} />}
    </main>
  );
}
