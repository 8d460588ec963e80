import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messages';
import { SessionPanel } from './SessionPanel';
import { ReachOut } from './ReachOut';

export function PopupMenu() {
  async function checkInNow() {
    await sendToBackground({ type: 'page:open-check-in' });
    window.close();
  }

  return (
    <main class="popup">
      <h1>{t('extName')}</h1>
      <p class="muted">{t('popupIntro')}</p>
      <div class="actions">
        <button type="button" class="primary" onClick={checkInNow}>
          {t('checkInNow')}
        </button>
        <a class="button" href="/journal.html" target="_blank" id="open-journal">
          {t('openJournal')}
        </a>
        <a
          class="button"
          href="/options.html"
          id="open-options"
          onClick={(event) => {
            // The options page has its own place in the browser (a tab or the add-ons manager).
            event.preventDefault();
            void browser.runtime.openOptionsPage().then(() => window.close());
          }}
        >
          {t('openSettings')}
        </a>
      </div>
      <SessionPanel />
      <ReachOut variant="compact" />
    </main>
  );
}
