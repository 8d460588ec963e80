import { useState } from 'preact/hooks';
import { t } from '@/utils/shared/i18n';

const STEPS = [
  'reflectionGroundingSee',
  'reflectionGroundingTouch',
  'reflectionGroundingHear',
  'reflectionGroundingSmell',
  'reflectionGroundingTaste',
] as const;

/** 5-4-3-2-1: one sense at a time, at the user's own pace (no timer). */
export function GroundingExercise() {
  const [step, setStep] = useState(0);
  const done = step >= STEPS.length;
  return (
    <details class="card grounding">
      <summary>{t('reflectionGroundingSummary')}</summary>
      <p class="muted">{t('reflectionGroundingIntro')}</p>
      <div aria-live="polite">
        {done ? (
          <p class="grounding-step">{t('reflectionGroundingDone')}</p>
        ) : (
          <>
            <p class="muted">{t('reflectionGroundingStep', String(step + 1))}</p>
            <p class="grounding-step">{t(STEPS[step]!)}</p>
          </>
        )}
      </div>
      <div class="actions">
        {done ? (
          <button type="button" onClick={() => setStep(0)}>
            {t('reflectionGroundingAgain')}
          </button>
        ) : (
          <>
            <button type="button" disabled={step === 0} onClick={() => setStep(step - 1)}>
              {t('reflectionGroundingBack')}
            </button>
            <button type="button" class="grounding-next" onClick={() => setStep(step + 1)}>
              {t('reflectionGroundingNext')}
            </button>
          </>
        )}
      </div>
    </details>
  );
}
