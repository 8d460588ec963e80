import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PRESET_SITES, hostPermissionPatterns, type SiteDefinition } from '@/utils/sites';
import { siteDisplayName } from '@/utils/site-names';
import { t } from '@/utils/i18n';
import { ReflectionQuestionsSettings } from './ReflectionQuestionsSettings';

function SiteRow({ site }: { site: SiteDefinition }) {
  const origins = hostPermissionPatterns(site);
  const [allowed, setAllowed] = useState<boolean | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    void browser.permissions.contains({ origins }).then(setAllowed);
  }, []);

  async function allow() {
    // Must run straight from the click: browsers only show the permission prompt for a user gesture.
    const granted = await browser.permissions.request({ origins });
    setAllowed(granted);
    setMessage(granted ? '' : t('optionsSiteAllowFailed'));
  }

  const name = siteDisplayName(site.id);
  return (
    <li class="card site-row" data-site-id={site.id}>
      <strong>{name}</strong>{' '}
      <span class="muted site-state">
        {allowed === null ? '' : allowed ? t('optionsSiteAllowed') : t('optionsSiteNotAllowed')}
      </span>
      {allowed === false && (
        <div class="actions">
          <button type="button" onClick={allow}>
            {t('optionsSiteAllow', name)}
          </button>
        </div>
      )}
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
    </li>
  );
}

export function OptionsApp() {
  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <h2>{t('optionsSitesHeading')}</h2>
      <p class="muted">{t('optionsSitesIntro')}</p>
      <ul class="plain stack">
        {PRESET_SITES.map((site) => (
          <SiteRow key={site.id} site={site} />
        ))}
      </ul>
      <ReflectionQuestionsSettings />
    </main>
  );
}
