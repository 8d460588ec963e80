import { render } from 'preact';
import { PopupMenu } from '@/components/PopupMenu';
import { afterFirstPaint } from '@/utils/after-first-paint';
import { localizePage, t } from '@/utils/i18n';
import { prepareLocaleFormats } from '@/utils/locale-format';
import { warmJournalStore } from '@/utils/warm-journal-store';
import '@/components/theme.css';

localizePage(document, t('extName'));

render(<PopupMenu />, document.getElementById('app')!);

// "Journal" is one click away, and opens in this page's process: once the menu is on screen,
// have the browser open the journal's store (utils/warm-journal-store.ts) and set up the date
// formats the journal shows (utils/locale-format.ts).
void afterFirstPaint().then(() => {
  const opened = warmJournalStore();
  prepareLocaleFormats();
  return opened;
});
