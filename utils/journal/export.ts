import { JOURNAL_DB_VERSION, byCreatedAt, type JournalDraft, type JournalEntry } from './db';
import { sealBackup } from '../lock/encrypted-backup';

/**
 * Turning the journal into files. JSON is the complete, versioned backup (importing it back gives
 * the identical journal); the encrypted backup is that same JSON sealed with a passphrase
 * (encrypted-backup.ts); Markdown is for reading; CSV is for spreadsheets.
 */

export const BACKUP_FORMAT = 'aftercare-journal';
export const BACKUP_VERSION = 1;

export interface JournalBackup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO time of the export; informational. */
  exportedAt: string;
  /** The database schema the entries were read from; informational. */
  schemaVersion: number;
  entries: JournalEntry[];
  drafts: JournalDraft[];
}

export type ExportFormatId = 'encrypted' | 'json' | 'markdown' | 'csv';

export interface ExportFormat {
  id: ExportFormatId;
  extension: string;
  mimeType: string;
  /**
   * Plain files can be read by anyone who gets them, and the page says so. The encrypted backup
   * is the one that is not, and it is offered first.
   */
  readableByAnyone: boolean;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  { id: 'encrypted', extension: 'encrypted.json', mimeType: 'application/json', readableByAnyone: false },
  { id: 'json', extension: 'json', mimeType: 'application/json', readableByAnyone: true },
  { id: 'markdown', extension: 'md', mimeType: 'text/markdown', readableByAnyone: true },
  { id: 'csv', extension: 'csv', mimeType: 'text/csv', readableByAnyone: true },
];

/** Words that go into the readable formats, in the user's language. */
export interface ExportLabels {
  title: string;
  readableByAnyone: string;
  kind: Record<JournalEntry['kind'], string>;
  mood: string;
  tags: string;
  site: string;
  intention: string;
  formatDate: (ms: number) => string;
  siteName: (siteId: string) => string;
}

export interface ExportOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Entries per slice between yields to the page, so progress paints and Cancel is heard. */
  chunkSize?: number;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function mapInChunks<T>(
  items: readonly T[],
  render: (item: T) => string,
  { signal, onProgress, chunkSize = 2500 }: ExportOptions,
): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < items.length; i += chunkSize) {
    signal?.throwIfAborted();
    for (const item of items.slice(i, i + chunkSize)) out.push(render(item));
    onProgress?.(Math.min(i + chunkSize, items.length), items.length);
    if (i + chunkSize < items.length) await nextTask();
  }
  signal?.throwIfAborted();
  onProgress?.(items.length, items.length);
  return out;
}

/** Oldest first. The journal hands entries over newest first: then one reversed copy does. */
function oldestFirst(entries: readonly JournalEntry[]): JournalEntry[] {
  let newestFirst = true;
  for (let i = 1; i < entries.length && newestFirst; i++)
    newestFirst = byCreatedAt(entries[i - 1]!, entries[i]!) > 0;
  return newestFirst ? entries.toReversed() : entries.toSorted(byCreatedAt);
}

export function backupHeader(now: number): Omit<JournalBackup, 'entries' | 'drafts'> {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(now).toISOString(),
    schemaVersion: JOURNAL_DB_VERSION,
  };
}

/** The complete backup as JSON text: every entry and draft, every field, exactly as stored. */
export async function exportJson(
  entries: readonly JournalEntry[],
  drafts: readonly JournalDraft[],
  now: number,
  options: ExportOptions = {},
): Promise<string> {
  const parts = await mapInChunks(oldestFirst(entries), (entry) => JSON.stringify(entry), options);
  const header = JSON.stringify(backupHeader(now)).slice(0, -1);
  return `${header},"entries":[\n${parts.join(',\n')}\n],"drafts":${JSON.stringify(drafts)}}\n`;
}

/** The complete backup, sealed with a passphrase: the file holds none of the journal's words. */
export async function exportEncryptedJson(
  entries: readonly JournalEntry[],
  drafts: readonly JournalDraft[],
  now: number,
  passphrase: string,
  options: ExportOptions = {},
): Promise<string> {
  const plain = await exportJson(entries, drafts, now, options);
  const sealed = await sealBackup(plain, passphrase);
  options.signal?.throwIfAborted();
  return sealed;
}

export async function exportMarkdown(
  entries: readonly JournalEntry[],
  labels: ExportLabels,
  options: ExportOptions = {},
): Promise<string> {
  const render = (entry: JournalEntry) => {
    const lines = [`## ${labels.formatDate(entry.createdAt)} · ${labels.kind[entry.kind]}`, ''];
    const meta: string[] = [];
    if (entry.mood) meta.push(`${labels.mood}: ${entry.mood.word} (${entry.mood.value}/5)`);
    if (entry.siteId) meta.push(`${labels.site}: ${labels.siteName(entry.siteId)}`);
    if (entry.tags?.length) meta.push(`${labels.tags}: ${entry.tags.join(', ')}`);
    if (meta.length) lines.push(`_${meta.join(' · ')}_`, '');
    if (entry.intention) lines.push(`> ${labels.intention}: ${entry.intention}`, '');
    if (entry.text) lines.push(entry.text, '');
    for (const answer of entry.answers ?? []) lines.push(`**${answer.question}**`, '', answer.answer, '');
    return lines.join('\n');
  };
  const parts = await mapInChunks(entries, render, options);
  return [`# ${labels.title}`, '', `> ${labels.readableByAnyone}`, '', ...parts].join('\n');
}

/**
 * One CSV cell. A cell that starts with = + - @ (or a tab or carriage return) would run as a
 * formula in a spreadsheet, so it gets a leading apostrophe (OWASP's advice for CSV injection).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_COLUMNS = [
  'id',
  'created_at',
  'kind',
  'mood',
  'mood_word',
  'site',
  'tags',
  'text',
  'answers',
  'intention',
] as const;

export async function exportCsv(
  entries: readonly JournalEntry[],
  options: ExportOptions = {},
): Promise<string> {
  const render = (entry: JournalEntry) =>
    [
      entry.id,
      new Date(entry.createdAt).toISOString(),
      entry.kind,
      entry.mood ? String(entry.mood.value) : '',
      entry.mood?.word ?? '',
      entry.siteId ?? '',
      (entry.tags ?? []).join(' | '),
      entry.text,
      (entry.answers ?? []).map((a) => `${a.question}: ${a.answer}`).join('\n'),
      entry.intention ?? '',
    ]
      .map(csvCell)
      .join(',');
  const rows = await mapInChunks(entries, render, options);
  // The byte order mark lets spreadsheet programs read UTF-8 (emoji, umlauts) correctly.
  return `\uFEFF${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

export function exportFileName(format: ExportFormat, now: number): string {
  return `aftercare-journal-${new Date(now).toISOString().slice(0, 10)}.${format.extension}`;
}
