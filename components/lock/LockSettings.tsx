import { useEffect, useState } from 'preact/hooks';
import { sharedJournalDb } from '@/utils/journal/db';
import {
  changePassphrase,
  journalLockStatus,
  lockJournal,
  setKeyIdleMinutes,
  turnLockOff,
  turnLockOn,
  type LockStatus,
} from '@/utils/lock/keys';
import { LOCK_IDLE_CHOICES, getSettings, updateSettings } from '@/utils/settings/settings';
import { journalKeyItem } from '@/utils/shared/storage-items';
import { t } from '@/utils/shared/i18n';
import { lockErrorMessage, newPassphraseProblem } from './lock-messages';
import { PassphraseField } from './PassphraseField';
import './lock.css';

interface Message {
  text: string;
  error?: boolean;
}

/**
 * The passphrase lock in the options page: turn it on (the passphrase twice, and "there is no
 * recovery" said before anything happens), lock now, the idle time, change the passphrase, turn it
 * off. Every change re-encrypts the whole journal in one step (lock/keys.ts).
 */
export function LockSettings() {
  const [status, setStatus] = useState<LockStatus | null>(null);
  const [idleMinutes, setIdleMinutes] = useState(15);
  const [fields, setFields] = useState({ first: '', second: '', current: '', understood: false });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  async function refresh() {
    setStatus(await journalLockStatus());
  }

  useEffect(() => {
    void getSettings().then((settings) => setIdleMinutes(settings.lock.idleMinutes));
    void refresh().catch((error: unknown) => console.error('Aftercare: reading the lock failed', error));
    return journalKeyItem.watch(() => void refresh());
  }, []);

  const set = (name: keyof typeof fields) => (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    setFields({ ...fields, [name]: input.type === 'checkbox' ? input.checked : input.value });
  };

  async function run(work: () => Promise<unknown>, done: string) {
    setBusy(true);
    setMessage({ text: t('lockWorking') });
    try {
      await work();
      setFields({ first: '', second: '', current: '', understood: false });
      setMessage({ text: done });
    } catch (error) {
      console.error('Aftercare: changing the lock failed', error);
      setMessage({ text: lockErrorMessage(error), error: true });
    } finally {
      setBusy(false);
      await refresh();
    }
  }

  function submitNew(event: Event, work: () => Promise<unknown>, done: string) {
    event.preventDefault();
    const problem = newPassphraseProblem(fields.first, fields.second);
    if (problem) return setMessage({ text: problem, error: true });
    void run(work, done);
  }

  async function changeIdle(minutes: number) {
    setIdleMinutes(minutes);
    await updateSettings((current) => ({ ...current, lock: { idleMinutes: minutes } }));
    await setKeyIdleMinutes(minutes);
  }

  if (status === null) return null;
  const db = () => sharedJournalDb();
  return (
    <section class="lock" aria-labelledby="lock-heading">
      <h2 id="lock-heading">{t('lockHeading')}</h2>
      <p class="muted">{t('lockIntro')}</p>
      <p id="lock-status">
        {t(status === 'off' ? 'lockStatusOff' : status === 'open' ? 'lockStatusOpen' : 'lockStatusLocked')}
      </p>

      {status === 'off' ? (
        <form
          id="lock-on-form"
          class="stack"
          onSubmit={(event) => {
            if (!fields.understood) {
              event.preventDefault();
              return setMessage({ text: t('lockNoRecovery'), error: true });
            }
            submitNew(event, async () => turnLockOn(await db(), fields.first, idleMinutes), t('lockOnDone'));
          }}
        >
          <p class="no-recovery" id="lock-no-recovery">
            {t('lockNoRecovery')}
          </p>
          <PassphraseField
            id="lock-new"
            label={t('lockPassphrase')}
            autocomplete="new-password"
            value={fields.first}
            onInput={set('first')}
            describedBy="lock-new-hint"
          >
            <p id="lock-new-hint" class="muted">
              {t('lockPassphraseHint')}
            </p>
          </PassphraseField>
          <PassphraseField
            id="lock-new-repeat"
            label={t('lockPassphraseRepeat')}
            autocomplete="new-password"
            value={fields.second}
            onInput={set('second')}
          />
          <label class="check">
            <input
              type="checkbox"
              id="lock-understood"
              checked={fields.understood}
              onChange={set('understood')}
            />
            <span>{t('lockUnderstand')}</span>
          </label>
          <div class="actions">
            <button type="submit" class="primary" id="lock-turn-on" disabled={busy}>
              {t('lockTurnOn')}
            </button>
          </div>
        </form>
      ) : (
        <div class="stack">
          {status === 'open' && (
            <div class="actions">
              <button type="button" id="lock-now-options" onClick={() => void lockJournal().then(refresh)}>
                {t('lockNow')}
              </button>
            </div>
          )}
          <div>
            <label for="lock-idle">{t('lockIdleLabel')}</label>
            <select
              id="lock-idle"
              value={String(idleMinutes)}
              onChange={(event) => void changeIdle(Number(event.currentTarget.value))}
            >
              {LOCK_IDLE_CHOICES.map((minutes) => (
                <option key={minutes} value={String(minutes)}>
                  {minutes === 0 ? t('lockIdleNever') : t('lockIdleMinutes', String(minutes))}
                </option>
              ))}
            </select>
          </div>
          <details>
            <summary>{t('lockChange')}</summary>
            <form
              id="lock-change-form"
              class="stack"
              onSubmit={(event) =>
                submitNew(
                  event,
                  async () => changePassphrase(await db(), fields.current, fields.first, idleMinutes),
                  t('lockChangedDone'),
                )
              }
            >
              <PassphraseField
                id="lock-change-current"
                label={t('lockCurrent')}
                autocomplete="current-password"
                value={fields.current}
                onInput={set('current')}
              />
              <PassphraseField
                id="lock-change-new"
                label={t('lockNew')}
                autocomplete="new-password"
                value={fields.first}
                onInput={set('first')}
              />
              <PassphraseField
                id="lock-change-repeat"
                label={t('lockNewRepeat')}
                autocomplete="new-password"
                value={fields.second}
                onInput={set('second')}
              />
              <p class="no-recovery">{t('lockNoRecovery')}</p>
              <div class="actions">
                <button type="submit" class="primary" disabled={busy}>
                  {t('lockChange')}
                </button>
              </div>
            </form>
          </details>
          <details>
            <summary>{t('lockTurnOff')}</summary>
            <form
              id="lock-off-form"
              class="stack"
              onSubmit={(event) => {
                event.preventDefault();
                void run(async () => turnLockOff(await db(), fields.current), t('lockOffDone'));
              }}
            >
              <p class="muted">{t('lockTurnOffHint')}</p>
              <PassphraseField
                id="lock-off-current"
                label={t('lockCurrent')}
                autocomplete="current-password"
                value={fields.current}
                onInput={set('current')}
              />
              <div class="actions">
                <button type="submit" disabled={busy}>
                  {t('lockTurnOff')}
                </button>
              </div>
            </form>
          </details>
        </div>
      )}
      <p
        id="lock-message"
        class={message?.error ? 'status error' : 'status'}
        role="status"
        aria-live="polite"
      >
        {message?.text ?? ''}
      </p>
    </section>
  );
}
