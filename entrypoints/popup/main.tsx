import { render } from 'preact';
import { PopupMenu } from '@/components/PopupMenu';
import { afterFirstPaint } from '@/utils/after-first-paint';
import { localizePage, t } from '@/utils/i18n';
import { warmJournalStore } from '@/utils/warm-journal-store';
import '@/components/theme.css';

localizePage(document, t('extName'));

render(<PopupMenu />, document.getElementById('app')!);

// "Journal" is one click away: have the browser open the journal's store meanwhile, once the
// menu is on screen (utils/warm-journal-store.ts).
void afterFirstPaint().then(() => warmJournalStore());
