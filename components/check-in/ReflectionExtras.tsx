import { t } from '@/utils/shared/i18n';
import { BreathingPacer } from './BreathingPacer';
import { GroundingExercise } from './GroundingExercise';
import { ReachOutEntry } from '../reach-out/ReachOutEntry';
import { SafetyCard } from './SafetyCard';

export interface ReflectionExtrasProps {
  offerSafety: boolean;
  neutral: boolean;
}

/**
 * Everything below the check-in form: the breathing and grounding exercises, reaching out, and the
 * staying-safe card. Loaded in its own chunk once the form is on screen (see ReflectionForm).
 */
export function ReflectionExtras({ offerSafety, neutral }: ReflectionExtrasProps) {
  return (
    <>
      <section aria-labelledby="body-heading" class="stack">
        <h2 id="body-heading">{t('reflectionBodyHeading')}</h2>
        <BreathingPacer />
        <GroundingExercise />
      </section>
      <ReachOutEntry />
      {offerSafety && !neutral && <SafetyCard />}
    </>
  );
}
