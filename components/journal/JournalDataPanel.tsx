import { useRef, useState } from 'preact/hooks';
import type { JournalEntry } from '@/utils/journal/db';
import type { JournalStore } from '@/utils/journal/store';
import {
  EXPORT_FORMATS,
  exportCsv,
  exportEncryptedJson,
  exportFileName,
  exportJson,
  exportMarkdown,
  type ExportFormat,
  type ExportLabels,
  type ExportOptions,
} from '@/utils/journal/export';
import {
  MAX_IMPORT_BYTES,
  MAX_SEALED_IMPORT_BYTES,
  importSourceOf,
  openEncryptedImport,
  planImport,
  readImportText,
  type ImportError,
  type ImportPlan,
  type ParsedImport,
  type ParseResult,
} from '@/utils/journal/import';
import type { EncryptedBackupFile } from '@/utils/lock/encrypted-backup';
import { eraseEverything } from '@/utils/journal/erase-everything';
import { siteDisplayName } from '@/utils/detection/site-names';
import { formatCount } from '@/utils/shared/locale-format';
import { t, type MessageKey } from '@/utils/shared/i18n';
import { downloadFile } from './download-file';
import { PassphraseField } from '../lock/PassphraseField';

/** Long enough that a guess takes real work; a few words together are easy to remember. */
export const MIN_PASSPHRASE_LENGTH = 8;

const FORMAT_KEYS: Record<ExportFormat['id'], MessageKey> = {
  encrypted: 'journalEncryptedExport',
  json: 'journalExportJson',
  markdown: 'journalExportMarkdown',
  csv: 'journalExportCsv',
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

function exportLabels(): ExportLabels {
  return {
    title: t('journalTitle'),
    readableByAnyone: t('journalExportPlainWarning'),
    kind: {
      reflection: t('journalKindReflection'),
      'check-in': t('journalKindCheckIn'),
      okay: t('journalKindCheckIn'),
    },
    mood: t('journalFilterMood'),
    tags: t('journalEditTags'),
    site: t('journalFilterSite'),
    intention: t('journalIntention'),
    formatDate: (ms) => dateFormat.format(ms),
    siteName: siteDisplayName,
  };
}

function render(
  format: ExportFormat,
  entries: JournalEntry[],
  store: JournalStore,
  options: ExportOptions,
  passphrase: string,
) {
  switch (format.id) {
    case 'encrypted':
      return store
        .drafts()
        .then((drafts) => exportEncryptedJson(entries, drafts, Date.now(), passphrase, options));
    case 'json':
      return store.drafts().then((drafts) => exportJson(entries, drafts, Date.now(), options));
    case 'markdown':
      return exportMarkdown(entries, exportLabels(), options);
    case 'csv':
      return exportCsv(entries, options);
  }
}

export function importErrorMessage(error: ImportError): string {
  switch (error.code) {
    case 'too-large':
      return t('journalImportTooLarge', String(Math.round(error.limitBytes / 1024 / 1024)));
    case 'empty':
      return t('journalImportEmpty');
    case 'not-json':
      return t('journalImportNotJson');
    case 'too-deep':
      return t('journalImportTooDeep');
    case 'not-a-backup':
      return t('journalImportNotBackup');
    case 'newer-version':
      return t('journalImportNewer');
    case 'forbidden-key':
      return t('journalImportForbiddenKey', error.key);
    case 'bad-entry':
    case 'bad-draft':
      return t('journalImportBadEntry', [String(error.index), error.field]);
    case 'duplicate-id':
      return t('journalImportDuplicate');
    case 'not-daylio':
      return t('journalImportNotDaylio');
    case 'bad-daylio-row':
      return t('journalImportBadRow', [String(error.row), error.field]);
    case 'wrong-passphrase':
      return t('journalEncryptedWrongPassphrase');
    case 'sealed-damaged':
      return t('journalEncryptedDamaged');
    case 'sealed-newer':
      return t('journalEncryptedNewer');
  }
}

interface Progress {
  label: string;
  done: number;
  total: number;
}

export function JournalDataPanel({
  store,
  entries,
  onChanged,
  onErased,
}: {
  store: JournalStore;
  entries: JournalEntry[];
  onChanged: () => Promise<void>;
  onErased: () => Promise<void>;
}) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState<{ text: string; alert?: boolean } | null>(null);
  const [plan, setPlan] = useState<(ImportPlan & { fileName: string }) | null>(null);
  const [confirmErase, setConfirmErase] = useState(false);
  const [understood, setUnderstood] = useState(false);
  /** The encrypted backup's form is open; the passphrase lives only in these fields. */
  const [sealing, setSealing] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [passphraseProblem, setPassphraseProblem] = useState<string | null>(null);
  /** An encrypted backup was chosen and waits for its passphrase. */
  const [sealed, setSealed] = useState<{ file: EncryptedBackupFile; fileName: string } | null>(null);
  const [openPassphrase, setOpenPassphrase] = useState('');
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = progress !== null;

  async function runExport(format: ExportFormat, secret = '') {
    const controller = new AbortController();
    abort.current = controller;
    setMessage(null);
    setProgress({ label: t('journalExporting'), done: 0, total: entries.length });
    try {
      const text = await render(
        format,
        entries,
        store,
        {
          signal: controller.signal,
          // Once every entry is written out, an encrypted backup still has its sealing to do.
          onProgress: (done, total) =>
            setProgress({
              label:
                done === total && format.id === 'encrypted'
                  ? t('journalEncryptedSealing')
                  : t('journalExporting'),
              done,
              total,
            }),
        },
        secret,
      );
      downloadFile(exportFileName(format, Date.now()), format.mimeType, text);
      setMessage({ text: t('journalExportDone', formatCount(entries.length)) });
    } catch (error) {
      if (!controller.signal.aborted) {
        console.error(error);
        setMessage({ text: t('journalExportFailed'), alert: true });
      } else setMessage({ text: t('journalExportCancelled') });
    } finally {
      setProgress(null);
    }
  }

  function chooseFormat(format: ExportFormat) {
    if (format.id !== 'encrypted') return void runExport(format);
    setMessage(null);
    setPassphraseProblem(null);
    setSealing(true);
  }

  function closeSealing() {
    setSealing(false);
    setPassphrase('');
    setRepeat('');
    setPassphraseProblem(null);
  }

  function saveEncrypted(event: Event) {
    event.preventDefault();
    if ([...passphrase].length < MIN_PASSPHRASE_LENGTH)
      return setPassphraseProblem(t('journalEncryptedTooShort', String(MIN_PASSPHRASE_LENGTH)));
    if (passphrase !== repeat) return setPassphraseProblem(t('journalEncryptedMismatch'));
    const secret = passphrase;
    closeSealing();
    void runExport(
      EXPORT_FORMATS.find((format) => format.id === 'encrypted')!,
      secret,
    );
  }

  function resetFile() {
    setPlan(null);
    setSealed(null);
    setOpenPassphrase('');
    if (fileInput.current) fileInput.current.value = '';
  }

  async function showPlan(parsed: ParseResult<ParsedImport>, fileName: string) {
    if (!parsed.ok) {
      setMessage({ text: importErrorMessage(parsed.error), alert: true });
      return;
    }
    const existing = new Map(entries.map((entry) => [entry.id, entry]));
    const draftIds = new Set((await store.drafts()).map((draft) => draft.id));
    setPlan({ ...planImport(existing, parsed.value, draftIds), fileName });
  }

  async function openSealed(event: Event) {
    event.preventDefault();
    if (!sealed) return;
    const secret = openPassphrase;
    setOpenPassphrase('');
    setMessage(null);
    setProgress({ label: t('journalEncryptedOpening'), done: 0, total: 0 });
    try {
      const parsed = await openEncryptedImport(sealed.file, secret);
      // A wrong passphrase keeps the form, so the user can simply try again.
      if (parsed.ok || parsed.error.code !== 'wrong-passphrase') setSealed(null);
      await showPlan(parsed, sealed.fileName);
    } catch (error) {
      console.error(error);
      setSealed(null);
      setMessage({ text: t('journalImportFailed'), alert: true });
    } finally {
      setProgress(null);
    }
  }

  async function chooseFile(file: File | undefined) {
    setPlan(null);
    setSealed(null);
    setMessage(null);
    if (!file) return;
    // Checked before reading: a huge file is refused without loading it into memory. (An
    // encrypted backup is a third larger than the plain one it holds.)
    if (file.size > MAX_SEALED_IMPORT_BYTES) {
      setMessage({
        text: importErrorMessage({ code: 'too-large', limitBytes: MAX_IMPORT_BYTES }),
        alert: true,
      });
      return;
    }
    const read = readImportText(await file.text(), importSourceOf(file));
    if (read.ok === 'needs-passphrase') return setSealed({ file: read.sealed, fileName: file.name });
    await showPlan(read, file.name);
  }

  async function commitImport() {
    if (!plan) return;
    const controller = new AbortController();
    abort.current = controller;
    const total = plan.entries.length + plan.drafts.length;
    setProgress({ label: t('journalImporting'), done: 0, total });
    try {
      await store.putAll(plan.entries, plan.drafts, {
        signal: controller.signal,
        onProgress: ({ done }) => setProgress({ label: t('journalImporting'), done, total }),
      });
      setMessage({ text: t('journalImportDone', [formatCount(plan.added), formatCount(plan.updated)]) });
      await onChanged();
    } catch (error) {
      if (!controller.signal.aborted) console.error(error);
      setMessage({
        text: controller.signal.aborted ? t('journalImportCancelled') : t('journalImportFailed'),
        alert: !controller.signal.aborted,
      });
    } finally {
      setProgress(null);
      resetFile();
    }
  }

  async function erase() {
    setProgress({ label: t('journalEraseWorking'), done: 0, total: 0 });
    try {
      await eraseEverything();
      setConfirmErase(false);
      setUnderstood(false);
      await onErased();
    } catch (error) {
      console.error(error);
      setMessage({ text: t('journalEraseFailed'), alert: true });
    } finally {
      setProgress(null);
    }
  }

  return (
    <section class="data-panel" aria-labelledby="data-heading">
      <h2 id="data-heading">{t('journalDataHeading')}</h2>

      <div class="card stack">
        <h3>{t('journalExportHeading')}</h3>
        <p class="muted">{t('journalExportIntro')}</p>
        <div class="actions">
          {EXPORT_FORMATS.map((format) => (
            <button
              type="button"
              key={format.id}
              class={`export-${format.id}${format.readableByAnyone ? '' : ' primary'}`}
              disabled={busy || entries.length === 0 || sealing}
              onClick={() => chooseFormat(format)}
            >
              {t(FORMAT_KEYS[format.id])}
            </button>
          ))}
        </div>
        {sealing && (
          <form class="passphrase-form stack" onSubmit={saveEncrypted} noValidate>
            <p class="muted">{t('journalEncryptedIntro')}</p>
            <PassphraseField
              id="encrypt-passphrase"
              label={t('journalEncryptedPassphrase')}
              autocomplete="new-password"
              value={passphrase}
              onInput={(e) => setPassphrase(e.currentTarget.value)}
            />
            <PassphraseField
              id="encrypt-repeat"
              label={t('journalEncryptedRepeat')}
              autocomplete="new-password"
              value={repeat}
              onInput={(e) => setRepeat(e.currentTarget.value)}
            />
            {passphraseProblem && (
              <p class="status error" role="alert">
                {passphraseProblem}
              </p>
            )}
            <div class="actions">
              <button type="submit" class="primary" id="encrypt-save" disabled={busy}>
                {t('journalEncryptedSave')}
              </button>
              <button type="button" onClick={closeSealing}>
                {t('journalEditCancel')}
              </button>
            </div>
          </form>
        )}
        {EXPORT_FORMATS.some((format) => format.readableByAnyone) && (
          <p class="notice">{t('journalEncryptedPlainWarning')}</p>
        )}
      </div>

      <div class="card stack">
        <h3>{t('journalImportHeading')}</h3>
        <label for="import-file">{t('journalImportLabel')}</label>
        <p class="muted">{t('journalImportIntro')}</p>
        <input
          ref={fileInput}
          id="import-file"
          type="file"
          accept=".json,.csv,application/json,text/csv"
          disabled={busy}
          onChange={(e) => void chooseFile(e.currentTarget.files?.[0])}
        />
        {sealed && !busy && (
          <form class="passphrase-form stack" onSubmit={(e) => void openSealed(e)} noValidate>
            <label for="import-passphrase">{t('journalEncryptedImportPrompt')}</label>
            <input
              id="import-passphrase"
              type="password"
              autoComplete="off"
              value={openPassphrase}
              onInput={(e) => setOpenPassphrase(e.currentTarget.value)}
            />
            <div class="actions">
              <button type="submit" class="primary" id="import-open" disabled={openPassphrase === ''}>
                {t('journalEncryptedOpen')}
              </button>
              <button type="button" onClick={resetFile}>
                {t('journalEditCancel')}
              </button>
            </div>
          </form>
        )}
        {plan && !busy && (
          <div class="import-summary" role="region" aria-label={t('journalImportSummaryHeading')}>
            <p>
              {t('journalImportSummary', [
                formatCount(plan.added + plan.updated + plan.unchanged),
                formatCount(plan.added),
                formatCount(plan.updated),
                formatCount(plan.unchanged),
              ])}
            </p>
            <div class="actions">
              <button
                type="button"
                class="primary"
                id="import-confirm"
                disabled={plan.entries.length + plan.drafts.length === 0}
                onClick={() => void commitImport()}
              >
                {t('journalImportConfirm')}
              </button>
              <button type="button" onClick={resetFile}>
                {t('journalEditCancel')}
              </button>
            </div>
          </div>
        )}
      </div>

      {progress && (
        <div class="card progress" role="status">
          <label for="data-progress">{progress.label}</label>
          <progress
            id="data-progress"
            max={progress.total || undefined}
            value={progress.total ? progress.done : undefined}
          />
          {progress.total > 0 && (
            <span class="muted">
              {' '}
              {t('journalProgress', [formatCount(progress.done), formatCount(progress.total)])}
            </span>
          )}
          {abort.current && progress.total > 0 && (
            <div class="actions">
              <button
                type="button"
                id="data-cancel"
                onClick={() => abort.current?.abort(new Error('cancelled'))}
              >
                {t('journalEditCancel')}
              </button>
            </div>
          )}
        </div>
      )}

      {message && (
        <p class="status data-message" role={message.alert ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}

      <div class="card stack erase">
        <h3>{t('journalEraseHeading')}</h3>
        <p class="muted">{t('journalEraseIntro')}</p>
        {!confirmErase ? (
          <div class="actions">
            <button type="button" id="erase-start" disabled={busy} onClick={() => setConfirmErase(true)}>
              {t('journalEraseStart')}
            </button>
          </div>
        ) : (
          <div class="stack">
            <label class="check">
              <input
                type="checkbox"
                id="erase-understood"
                checked={understood}
                onChange={(e) => setUnderstood(e.currentTarget.checked)}
              />{' '}
              {t('journalEraseUnderstood')}
            </label>
            <div class="actions">
              <button
                type="button"
                class="danger"
                id="erase-confirm"
                disabled={!understood || busy}
                onClick={() => void erase()}
              >
                {t('journalEraseConfirm')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setConfirmErase(false);
                  setUnderstood(false);
                }}
              >
                {t('journalEraseKeep')}
              </button>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
