import { render } from 'preact';
import { PopupMenu } from '@/components/popup/PopupMenu';
import { afterFirstPaint } from '@/utils/shared/after-first-paint';
import { localizePage, t } from '@/utils/shared/i18n';
import { prepareLocaleFormats } from '@/utils/shared/locale-format';
import { warmJournalStore } from '@/utils/journal/warm-journal-store';
import '@/components/shared/theme.css';

localizePage(document, t('extName'));

render(<PopupMenu />, document.getElementById('app')!);

// "Journal" is one click away, and opens in this page's process: once the menu is on screen,
// have the browser open the journal's store (utils/journal/warm-journal-store.ts) and set up the date
// formats the journal shows (utils/shared/locale-format.ts).
void afterFirstPaint().then(() => {
  const opened = warmJournalStore();
  prepareLocaleFormats();
  return opened;
});
