import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/shared/i18n';

const PHASES = [
  'reflectionBreatheIn',
  'reflectionBreatheHold',
  'reflectionBreatheOut',
  'reflectionBreatheHold',
] as const;
const SECONDS_PER_PHASE = 4;

/**
 * Box breathing: in, hold, out, hold, four counts each. The square grows and shrinks with the
 * breath; with reduced motion it stays still and only the lit side and the words change.
 */
export function BreathingPacer() {
  const [running, setRunning] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);

  const phase = Math.floor(tick / SECONDS_PER_PHASE) % PHASES.length;
  const count = SECONDS_PER_PHASE - (tick % SECONDS_PER_PHASE);

  return (
    <details class="card breathing">
      <summary>{t('reflectionBreathingSummary')}</summary>
      <p class="muted">{t('reflectionBreathingIntro')}</p>
      <div class="pacer" aria-hidden="true">
        <div class="pacer-box" data-phase={running ? phase : 'idle'}>
          {running && <span class="pacer-count">{count}</span>}
        </div>
      </div>
      <p class="pacer-phase" aria-live="polite">
        {running ? t(PHASES[phase]!) : ''}
      </p>
      <div class="actions">
        <button
          type="button"
          class="pacer-toggle"
          onClick={() => {
            setTick(0);
            setRunning(!running);
          }}
        >
          {running ? t('reflectionBreathingStop') : t('reflectionBreathingStart')}
        </button>
      </div>
    </details>
  );
}
