import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  protectionState,
  requestPersistence,
  type ProtectionState,
} from '@/utils/journal/storage-persistence';
import { t, type MessageKey } from '@/utils/shared/i18n';

const MESSAGES: Record<ProtectionState, MessageKey> = {
  persisted: 'storagePersisted',
  unlimited: 'storagePersisted',
  'not-persisted': 'storageNotPersisted',
  unsupported: 'storagePersistUnsupported',
};

/** Asks the browser to keep the journal through low-disk clean-ups, and says what it decided. */
export function StorageStatus() {
  const [state, setState] = useState<ProtectionState | null>(null);
  useEffect(() => {
    void Promise.all([
      requestPersistence(globalThis.navigator?.storage),
      browser.permissions.contains({ permissions: ['unlimitedStorage'] }).catch(() => false),
    ]).then(([persistence, unlimited]) => setState(protectionState(persistence, unlimited)));
  }, []);
  return (
    <section aria-labelledby="storage-heading">
      <h2 id="storage-heading">{t('storageHeading')}</h2>
      <p class="card storage-status" data-state={state ?? 'checking'}>
        {state ? t(MESSAGES[state]) : t('storageChecking')}
      </p>
    </section>
  );
}
