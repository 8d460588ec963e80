import { render } from 'preact';
import { JournalApp } from '@/components/journal/JournalApp';
import { LockGate } from '@/components/lock/LockGate';
import { FIRST_PAGE_SIZE, readFirstPage } from '@/utils/journal/first-page';
import { localizePage, t } from '@/utils/shared/i18n';
import { prepareLocaleFormats } from '@/utils/shared/locale-format';
import '@/components/shared/theme.css';

localizePage(document, `${t('journalTitle')} · ${t('extName')}`);

// The newest entries are read as the script starts, and the page's first render already holds
// them: no empty frame, no effect waiting for a frame before the database is even opened.
const firstPage = readFirstPage(FIRST_PAGE_SIZE);
// The browser reads them elsewhere; meanwhile this page sets up its date formats, the slowest
// part of its first render in a freshly started process (utils/shared/locale-format.ts).
prepareLocaleFormats();
void firstPage
  .catch((error: unknown) => {
    // The journal shows its own kind message when the database cannot be opened.
    console.error('Aftercare: reading the first page failed', error);
    return null;
  })
  .then((first) => {
    // With the lock on, the lock's code is needed at once: fetch it now rather than after a frame.
    if (first?.lock !== 'off') void import('@/utils/lock/keys');
    let firstPage = first?.lock === 'off' ? first.entries : null;
    render(
      <LockGate initial={first?.lock === 'off' ? 'off' : 'checking'}>
        <JournalApp
          takeFirstPage={() => {
            // Only the first mount may use it: after a lock and unlock it would be stale.
            const page = firstPage;
            firstPage = null;
            return page;
          }}
        />
      </LockGate>,
      document.getElementById('app')!,
    );
  });
