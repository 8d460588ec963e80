import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  ASK_MODES,
  getSettings,
  updateSettings,
  type AskMode,
  type DetectionSettings,
  type FollowUpMode,
  type Settings,
} from '@/utils/settings/settings';
import { t, type MessageKey } from '@/utils/shared/i18n';
import { NOTIFICATIONS_PERMISSION } from '@/utils/check-in/notification';
import './detection.css';

const toTime = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const fromTime = (value: string): number | null => {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
};

const ASK_MODE_LABELS: Record<AskMode, MessageKey> = {
  window: 'detectAskWindow',
  notification: 'detectNotifyAskOption',
  badge: 'detectAskBadge',
};

const NUMBER_FIELDS = {
  graceSeconds: { label: 'detectGraceLabel', min: 1, max: 600 },
  cooldownMinutes: { label: 'detectCooldownLabel', min: 0, max: 1440 },
} as const satisfies Record<string, { label: MessageKey; min: number; max: number }>;

/** The gentle rules: how to ask, grace, cooldown, minimum length, quiet hours, follow-up. Saved on change. */
export function DetectionRules() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    void getSettings().then(setSettings);
  }, []);
  if (!settings) return null;
  const detection = settings.detection;

  async function save(change: Partial<DetectionSettings>) {
    const next = await updateSettings((current) => ({
      ...current,
      detection: { ...current.detection, ...change },
    }));
    setSettings(next);
    setStatus({ text: t('detectSaved'), error: false });
  }

  /**
   * Notifications need the user's permission, asked straight from this click (browsers show the
   * prompt only for a user gesture, so nothing may be awaited before it). Refused: nothing
   * changes. Leaving that way gives the permission back: Aftercare keeps none it does not use.
   */
  async function chooseAskMode(mode: AskMode) {
    const previous = detection.askMode;
    if (mode === 'notification') {
      const granted = await browser.permissions.request(NOTIFICATIONS_PERMISSION).catch(() => false);
      if (!granted) {
        setStatus({ text: t('detectNotifyRefused'), error: true });
        return;
      }
    }
    await save({ askMode: mode });
    if (previous === 'notification' && mode !== 'notification') {
      await browser.permissions.remove(NOTIFICATIONS_PERMISSION).catch(() => false);
    }
  }

  function saveNumber(
    value: string,
    min: number,
    max: number,
    apply: (n: number) => Partial<DetectionSettings>,
  ) {
    const number = Number(value);
    if (value.trim() === '' || !Number.isInteger(number) || number < min || number > max) {
      setStatus({ text: t('detectInvalidNumber', [String(min), String(max)]), error: true });
      return;
    }
    void save(apply(number));
  }

  return (
    <section id="detection-rules">
      <h2>{t('detectRulesHeading')}</h2>
      <fieldset>
        <legend>{t('detectAskLabel')}</legend>
        {ASK_MODES.map((mode) => (
          <label class="inline" key={mode}>
            <input
              type="radio"
              name="ask-mode"
              value={mode}
              checked={detection.askMode === mode}
              onChange={() => void chooseAskMode(mode)}
            />
            {t(ASK_MODE_LABELS[mode])}
          </label>
        ))}
      </fieldset>
      {(Object.keys(NUMBER_FIELDS) as Array<keyof typeof NUMBER_FIELDS>).map((key) => {
        const field = NUMBER_FIELDS[key];
        return (
          <div class="field" key={key}>
            <label for={key}>{t(field.label)}</label>
            <input
              id={key}
              type="number"
              min={field.min}
              max={field.max}
              step={1}
              value={detection[key]}
              onChange={(event) =>
                saveNumber(event.currentTarget.value, field.min, field.max, (n) => ({ [key]: n }))
              }
            />
          </div>
        );
      })}
      <div class="field">
        <label for="min-session">{t('detectMinimumLabel')}</label>
        <input
          id="min-session"
          type="number"
          min={0}
          max={240}
          step={1}
          value={detection.minSessionMinutes ?? ''}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (value.trim() === '') void save({ minSessionMinutes: null });
            else saveNumber(value, 0, 240, (n) => ({ minSessionMinutes: n }));
          }}
        />
      </div>
      <fieldset>
        <legend>
          <label class="inline">
            <input
              type="checkbox"
              id="quiet-enabled"
              checked={detection.quietHours.enabled}
              onChange={(event) =>
                void save({ quietHours: { ...detection.quietHours, enabled: event.currentTarget.checked } })
              }
            />
            {t('detectQuietLabel')}
          </label>
        </legend>
        <div class="field inline">
          <label>
            {t('detectQuietFrom')}
            <input
              type="time"
              id="quiet-start"
              value={toTime(detection.quietHours.startMinute)}
              onChange={(event) => {
                const minute = fromTime(event.currentTarget.value);
                if (minute !== null)
                  void save({ quietHours: { ...detection.quietHours, startMinute: minute } });
              }}
            />
          </label>{' '}
          <label>
            {t('detectQuietTo')}
            <input
              type="time"
              id="quiet-end"
              value={toTime(detection.quietHours.endMinute)}
              onChange={(event) => {
                const minute = fromTime(event.currentTarget.value);
                if (minute !== null)
                  void save({ quietHours: { ...detection.quietHours, endMinute: minute } });
              }}
            />
          </label>
        </div>
      </fieldset>
      <div class="field">
        <label for="follow-up">{t('detectFollowUpLabel')}</label>
        <select
          id="follow-up"
          value={detection.followUp}
          onChange={(event) => void save({ followUp: event.currentTarget.value as FollowUpMode })}
        >
          <option value="off">{t('detectFollowUpOff')}</option>
          <option value="in-3-hours">{t('detectFollowUp3Hours')}</option>
          <option value="next-morning">{t('detectFollowUpMorning')}</option>
        </select>
      </div>
      {status && (
        <p class={status.error ? 'status error' : 'status'} role={status.error ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
    </section>
  );
}
