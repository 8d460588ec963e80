import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messages';
import { checkInsItem } from '@/utils/storage-items';
import { getSettings } from '@/utils/settings';
import { siteDisplayName } from '@/utils/site-names';
import { popupFirst, type PopupFirst } from '@/utils/popup-next';
import { SessionPanel, laterCheckIns } from './SessionPanel';
import { ReachOut } from './ReachOut';

/** The one thing most likely wanted, first and focused: Enter does it. */
function FirstAction() {
  // Shown at once (nothing below it jumps when the stored check-ins arrive), then made specific.
  const [first, setFirst] = useState<PopupFirst>({ kind: 'check-in-now' });
  const [siteName, setSiteName] = useState('');
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void (async () => {
      const next = popupFirst(laterCheckIns(await checkInsItem.getValue()));
      if (next.kind === 'take-check-in') {
        const { detection } = await getSettings();
        setSiteName(siteDisplayName(next.checkIn.session.siteId, detection.customSites));
      }
      setFirst(next);
    })();
  }, []);
  useLayoutEffect(() => button.current?.focus(), []);

  async function act() {
    await sendToBackground(
      first.kind === 'take-check-in'
        ? { type: 'page:take-check-in', sessionId: first.checkIn.session.id }
        : { type: 'page:open-check-in' },
    );
    window.close();
  }

  return (
    <div class="actions popup-first">
      <button
        type="button"
        class="primary"
        id="popup-first"
        data-kind={first.kind}
        ref={button}
        onClick={act}
      >
        {first.kind === 'take-check-in' ? t('setupPopupTake', siteName) : t('checkInNow')}
      </button>
    </div>
  );
}

export function PopupMenu() {
  return (
    <main class="popup">
      <h1>{t('extName')}</h1>
      <p class="muted">{t('popupIntro')}</p>
      <FirstAction />
      <SessionPanel />
      <ReachOut variant="compact" />
      <div class="actions popup-links">
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
    </main>
  );
}
