import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { lockJournal } from '@/utils/lock/auto-lock';
import { lockStatusWithoutCrypto } from '@/utils/journal/first-page';
import { journalKeyItem } from '@/utils/shared/storage-items';
import { t } from '@/utils/shared/i18n';
import { Deferred } from '../shared/Deferred';
import './lock.css';

// The passphrase form (and the crypto behind it) is fetched only when the journal is locked.
const loadUnlockForm = () => import('./UnlockForm').then((module) => module.UnlockForm);

/** While the page is open, the lock is checked this often (and whenever the key changes). */
const CHECK_EVERY_MS = 15_000;
/** Typing or clicking on the page counts as using the journal, at most this often. */
const ACTIVITY_EVERY_MS = 30_000;

type GateState = 'checking' | 'off' | 'open' | 'locked';

/**
 * Shows the journal only when it can be read: with the lock off, or unlocked in this browser
 * session. While locked it shows the passphrase prompt and nothing of the journal, not even dates.
 * When the key goes (idle time, "Lock now" in any page, the browser restarting) the journal is
 * taken off the page, and with it every entry it held in memory.
 */
export function LockGate({
  children,
  initial = 'checking',
}: {
  children: ComponentChildren;
  /** 'off' when the page already read that the lock is off, so the journal shows at once. */
  initial?: 'checking' | 'off';
}) {
  const [state, setState] = useState<GateState>(initial);

  async function check() {
    setState(await lockStatusWithoutCrypto());
  }

  useEffect(() => {
    const recheck = () =>
      void check().catch((error: unknown) => {
        // The journal page shows its own kind message when the database cannot open.
        console.error('Aftercare: checking the lock failed', error);
        setState((current) => (current === 'checking' ? 'off' : current));
      });
    if (initial === 'checking') recheck();
    const unwatch = journalKeyItem.watch(recheck);
    const timer = setInterval(recheck, CHECK_EVERY_MS);
    let lastActivity = 0;
    const onActivity = () => {
      if (Date.now() - lastActivity < ACTIVITY_EVERY_MS) return;
      lastActivity = Date.now();
      recheck(); // reading the key moves its idle clock on
    };
    document.addEventListener('keydown', onActivity);
    document.addEventListener('pointerdown', onActivity);
    return () => {
      unwatch();
      clearInterval(timer);
      document.removeEventListener('keydown', onActivity);
      document.removeEventListener('pointerdown', onActivity);
    };
  }, []);

  if (state === 'checking') return null;
  if (state === 'locked') {
    return (
      <main class="journal">
        <h1>{t('journalTitle')}</h1>
        <Deferred load={loadUnlockForm} props={{ onUnlocked: () => void check() }} />
      </main>
    );
  }
  return (
    <>
      {state === 'open' && (
        <div class="lock-bar">
          <button
            type="button"
            id="lock-now"
            onClick={() => {
              setState('locked');
              void lockJournal();
            }}
          >
            {t('lockNow')}
          </button>
        </div>
      )}
      {children}
    </>
  );
}
