import { useState } from 'preact/hooks';
import { sharedJournalDb } from '@/utils/journal/db';
import { unlockJournal } from '@/utils/lock/keys';
import { DEFAULT_SETTINGS, getSettings } from '@/utils/settings/settings';
import { t } from '@/utils/shared/i18n';
import { lockErrorMessage } from './lock-messages';
import './lock.css';
import { PassphraseField } from './PassphraseField';

/**
 * The passphrase prompt. A wrong passphrase gets a kind message and opens nothing; the field is
 * emptied only on success, so a typo can be fixed in place.
 */
export function UnlockForm({ intro, onUnlocked }: { intro?: string; onUnlocked: () => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  async function unlock(event: Event) {
    event.preventDefault();
    if (!passphrase) {
      setMessage(t('lockEmpty'));
      return;
    }
    setBusy(true);
    setMessage('');
    try {
      const settings = await getSettings().catch(() => DEFAULT_SETTINGS);
      await unlockJournal(await sharedJournalDb(), passphrase, settings.lock.idleMinutes);
      setPassphrase('');
      onUnlocked();
    } catch (error) {
      setMessage(lockErrorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card lock stack" id="unlock-form" onSubmit={(event) => void unlock(event)}>
      <h2>{t('lockUnlockHeading')}</h2>
      <p class="muted">{intro ?? t('lockUnlockIntro')}</p>
      <PassphraseField
        id="unlock-passphrase"
        label={t('lockPassphrase')}
        autocomplete="current-password"
        value={passphrase}
        describedBy="unlock-message"
        onInput={(event) => setPassphrase(event.currentTarget.value)}
      />
      <div class="actions">
        <button type="submit" class="primary" id="unlock-submit" disabled={busy}>
          {t('lockUnlock')}
        </button>
      </div>
      <p id="unlock-message" class="status" role="alert">
        {message}
      </p>
    </form>
  );
}
