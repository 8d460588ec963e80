import { t } from '@/utils/shared/i18n';

const NEW_TAB = { target: '_blank', rel: 'noopener noreferrer' } as const;

/** Calm, practical help after meeting someone online: closed until the user opens it. */
export function SafetyCard() {
  return (
    <details class="card safety-card">
      <summary>{t('reflectionSafetySummary')}</summary>
      <p>{t('reflectionSafetyIntro')}</p>
      <h3 id="safety-signs">{t('reflectionSafetySignsHeading')}</h3>
      <ul aria-labelledby="safety-signs">
        <li>{t('reflectionSafetySignMoney')}</li>
        <li>{t('reflectionSafetySignPressure')}</li>
        <li>{t('reflectionSafetySignMove')}</li>
      </ul>
      <h3 id="safety-steps">{t('reflectionSafetyStepsHeading')}</h3>
      <ul aria-labelledby="safety-steps">
        <li>{t('reflectionSafetyStepDontPay')}</li>
        <li>{t('reflectionSafetyStepEvidence')}</li>
        <li>{t('reflectionSafetyStepReport')}</li>
      </ul>
      <ul class="plain stack">
        <li>
          <a href="https://stopncii.org" {...NEW_TAB}>
            {t('reflectionSafetyStopNcii')}
            <span class="visually-hidden"> {t('reflectionNewTab')}</span>
          </a>
        </li>
        <li>
          <a href="https://takeitdown.ncmec.org" {...NEW_TAB}>
            {t('reflectionSafetyTakeItDown')}
            <span class="visually-hidden"> {t('reflectionNewTab')}</span>
          </a>
        </li>
      </ul>
    </details>
  );
}
