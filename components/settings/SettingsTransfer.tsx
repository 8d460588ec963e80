import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/shared/i18n';
import {
  exportSettingsFile,
  importSettingsFile,
  settingsFileName,
  type SettingsFileProblem,
} from '@/utils/settings/settings-file';
import { downloadFile } from '../journal/download-file';

const PROBLEMS: Record<SettingsFileProblem, MessageKey> = {
  'not-json': 'setupImportNotJson',
  'not-settings': 'setupImportNotSettings',
  'newer-version': 'setupImportNewer',
  settings: 'setupImportBadSettings',
  people: 'setupImportBadPeople',
};

/**
 * Settings (and the people and helplines added) to a file and back. An import is checked in full
 * first; anything unreadable leaves everything as it was. `onImported` lets the page re-read.
 */
export function SettingsTransfer({ onImported }: { onImported: () => void }) {
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  async function exportNow() {
    const now = new Date();
    downloadFile(settingsFileName(now), 'application/json', await exportSettingsFile(now));
    setStatus({ text: t('setupExportDone'), error: false });
  }

  async function importFrom(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    const result = await importSettingsFile(await file.text()).catch(() => null);
    input.value = '';
    if (!result) return setStatus({ text: t('setupImportFailed'), error: true });
    if (!result.ok) {
      const where = (result.where ?? []).slice(0, 3).join(', ');
      return setStatus({ text: t(PROBLEMS[result.problem], where), error: true });
    }
    setStatus({ text: t('setupImportDone'), error: false });
    onImported();
  }

  return (
    <div class="card stack settings-transfer">
      <h3>{t('setupTransferHeading')}</h3>
      <p class="muted">{t('setupTransferIntro')}</p>
      <div class="actions">
        <button type="button" id="settings-export" onClick={() => void exportNow()}>
          {t('setupExportButton')}
        </button>
      </div>
      <label for="settings-import">{t('setupImportLabel')}</label>
      <input
        id="settings-import"
        type="file"
        accept=".json,application/json"
        onChange={(event) => void importFrom(event.currentTarget)}
      />
      <p class={status?.error ? 'status error' : 'status'} role={status?.error ? 'alert' : 'status'}>
        {status?.text ?? ''}
      </p>
    </div>
  );
}
