import { t } from '@/utils/i18n';

/**
 * The way to reach a trusted person from a check-in. No contact can be chosen yet, so this says
 * so kindly and points to the settings; the contacts feature replaces this component whole.
 */
export function ReachOutEntry() {
  return (
    <section class="card reach-out" aria-labelledby="reach-out-heading">
      <h2 id="reach-out-heading">{t('reflectionReachOutHeading')}</h2>
      <p class="muted">{t('reflectionReachOutNoContact')}</p>
      <a
        class="button"
        id="reach-out"
        href="/options.html#contacts"
        target="_blank"
        rel="noopener noreferrer"
      >
        {t('reflectionReachOutSetUp')}
        <span class="visually-hidden"> {t('reflectionNewTab')}</span>
      </a>
    </section>
  );
}
