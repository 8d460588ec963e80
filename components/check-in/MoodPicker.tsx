import { t } from '@/utils/shared/i18n';
import {
  FEELING_QUADRANTS,
  INTENSITY_KEYS,
  MOOD_STEPS,
  type FeelingKey,
  type MoodValue,
} from '@/utils/check-in/mood';

export interface MoodPickerProps {
  value: MoodValue | undefined;
  onValue: (value: MoodValue) => void;
  feelings: readonly FeelingKey[];
  onFeelings: (feelings: FeelingKey[]) => void;
  /** 0 … 4, or null while the user has not touched it. */
  intensity: number | null;
  onIntensity: (step: number) => void;
}

/** The quick 5-step scale, and under it the optional map of feelings with an intensity. */
export function MoodPicker({
  value,
  onValue,
  feelings,
  onFeelings,
  intensity,
  onIntensity,
}: MoodPickerProps) {
  const toggle = (key: FeelingKey, on: boolean) =>
    onFeelings(on ? [...feelings, key] : feelings.filter((feeling) => feeling !== key));
  const step = intensity ?? 2;

  return (
    <>
      <fieldset class="mood-scale">
        <legend>{t('reflectionMoodLegend')}</legend>
        <div class="mood-steps">
          {MOOD_STEPS.map((mood) => (
            <label key={mood.value} class="chip mood-step" data-mood={mood.value}>
              <input
                type="radio"
                name="mood"
                value={mood.value}
                checked={value === mood.value}
                onChange={() => onValue(mood.value)}
              />
              <span>{t(mood.key)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <details class="nuance" open={feelings.length > 0 || intensity !== null}>
        <summary>{t('reflectionNuanceSummary')}</summary>
        <p class="muted">{t('reflectionNuanceIntro')}</p>
        <div class="mood-map">
          {FEELING_QUADRANTS.map((quadrant) => (
            <fieldset key={quadrant.key} class="mood-area" data-area={quadrant.key}>
              <legend>{t(quadrant.key)}</legend>
              {quadrant.words.map((word) => (
                <label key={word.key} class="chip feeling">
                  <input
                    type="checkbox"
                    value={word.key}
                    checked={feelings.includes(word.key)}
                    onChange={(event) => toggle(word.key, event.currentTarget.checked)}
                  />
                  <span>{t(word.key)}</span>
                </label>
              ))}
            </fieldset>
          ))}
        </div>
        <label for="mood-intensity">{t('reflectionIntensityLabel')}</label>
        <div class="intensity">
          <input
            id="mood-intensity"
            type="range"
            min={0}
            max={4}
            step={1}
            value={step}
            aria-valuetext={t(INTENSITY_KEYS[step]!)}
            onInput={(event) => onIntensity(Number(event.currentTarget.value))}
          />
          <span class="muted" aria-hidden="true">
            {intensity === null ? '' : t(INTENSITY_KEYS[step]!)}
          </span>
        </div>
      </details>
    </>
  );
}
