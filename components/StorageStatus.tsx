import { useEffect, useState } from 'preact/hooks';
import { requestPersistence, type PersistenceState } from '@/utils/storage-persistence';
import { t, type MessageKey } from '@/utils/i18n';

const MESSAGES: Record<PersistenceState, MessageKey> = {
  persisted: 'storagePersisted',
  'not-persisted': 'storageNotPersisted',
  unsupported: 'storagePersistUnsupported',
};

/** Asks the browser to keep the journal through low-disk clean-ups, and says what it decided. */
export function StorageStatus() {
  const [state, setState] = useState<PersistenceState | null>(null);
  useEffect(() => {
    void requestPersistence(globalThis.navigator?.storage).then(setState);
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
