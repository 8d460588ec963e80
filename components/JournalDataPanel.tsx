import { useRef, useState } from 'preact/hooks';
import type { JournalEntry } from '@/utils/journal-db';
import type { JournalStore } from '@/utils/journal-store';
import {
  EXPORT_FORMATS,
  exportCsv,
  exportFileName,
  exportJson,
  exportMarkdown,
  type ExportFormat,
  type ExportLabels,
  type ExportOptions,
} from '@/utils/journal-export';
import {
  MAX_IMPORT_BYTES,
  parseDaylioCsv,
  parseJsonBackup,
  planImport,
  type ImportError,
  type ImportPlan,
} from '@/utils/journal-import';
import { eraseEverything } from '@/utils/erase-everything';
import { siteDisplayName } from '@/utils/site-names';
import { formatCount } from './format-count';
import { t, type MessageKey } from '@/utils/i18n';
import { downloadFile } from './download-file';

const FORMAT_KEYS: Record<ExportFormat['id'], MessageKey> = {
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

function render(format: ExportFormat, entries: JournalEntry[], store: JournalStore, options: ExportOptions) {
  switch (format.id) {
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
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = progress !== null;

  async function runExport(format: ExportFormat) {
    const controller = new AbortController();
    abort.current = controller;
    setMessage(null);
    setProgress({ label: t('journalExporting'), done: 0, total: entries.length });
    try {
      const text = await render(format, entries, store, {
        signal: controller.signal,
        onProgress: (done, total) => setProgress({ label: t('journalExporting'), done, total }),
      });
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

  async function chooseFile(file: File | undefined) {
    setPlan(null);
    setMessage(null);
    if (!file) return;
    // Checked before reading: a huge file is refused without loading it into memory.
    if (file.size > MAX_IMPORT_BYTES) {
      setMessage({
        text: importErrorMessage({ code: 'too-large', limitBytes: MAX_IMPORT_BYTES }),
        alert: true,
      });
      return;
    }
    const text = await file.text();
    const isCsv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
    const parsed = isCsv ? parseDaylioCsv(text) : parseJsonBackup(text);
    if (!parsed.ok) {
      setMessage({ text: importErrorMessage(parsed.error), alert: true });
      return;
    }
    const existing = new Map(entries.map((entry) => [entry.id, entry]));
    const draftIds = new Set((await store.drafts()).map((draft) => draft.id));
    setPlan({ ...planImport(existing, parsed.value, draftIds), fileName: file.name });
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
      setPlan(null);
      if (fileInput.current) fileInput.current.value = '';
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
              class={`export-${format.id}`}
              disabled={busy || entries.length === 0}
              onClick={() => void runExport(format)}
            >
              {t(FORMAT_KEYS[format.id])}
            </button>
          ))}
        </div>
        {EXPORT_FORMATS.some((format) => format.readableByAnyone) && (
          <p class="notice">{t('journalExportPlainWarning')}</p>
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
              <button
                type="button"
                onClick={() => {
                  setPlan(null);
                  if (fileInput.current) fileInput.current.value = '';
                }}
              >
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
