import type { JournalAnswer, JournalDraft, JournalEntry, MoodNuance, MoodScale } from './db';
import { BACKUP_FORMAT, BACKUP_VERSION } from './export';
import {
  SealedBackupError,
  checkSealedBackup,
  looksSealed,
  openSealedBackup,
  type EncryptedBackupFile,
} from '../lock/encrypted-backup';
import { isRecord } from '../shared/validation';

/**
 * Reading backups and other apps' exports. Nothing here touches the database: a file is parsed
 * and checked completely first, the user sees a summary, and only then is it written in one
 * transaction (journal-store `putAll`). Any problem gives one clear error and changes nothing.
 *
 * The schema is written by hand (no dependency): every field of every entry is checked for its
 * type and range, unknown or dangerous keys are refused, and the result is rebuilt from the
 * checked fields only.
 */

/** Large enough for many years of daily writing (10,000 entries are about 5 MB). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** An encrypted backup is its plain backup in base64 (4/3 the size) plus a small header. */
export const MAX_SEALED_IMPORT_BYTES = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4096;
export const MAX_JSON_DEPTH = 12;
export const MAX_TEXT_LENGTH = 200_000;
export const MAX_ENTRIES = 200_000;

export type ImportError =
  | { code: 'too-large'; limitBytes: number }
  | { code: 'empty' }
  | { code: 'not-json' }
  | { code: 'too-deep' }
  | { code: 'not-a-backup' }
  | { code: 'newer-version'; version: number }
  | { code: 'forbidden-key'; key: string }
  | { code: 'bad-entry'; index: number; field: string }
  | { code: 'bad-draft'; index: number; field: string }
  | { code: 'duplicate-id'; id: string }
  | { code: 'not-daylio' }
  | { code: 'bad-daylio-row'; row: number; field: string }
  | { code: 'wrong-passphrase' }
  | { code: 'sealed-damaged' }
  | { code: 'sealed-newer' };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ImportError };

export interface ParsedImport {
  entries: JournalEntry[];
  drafts: JournalDraft[];
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class Invalid extends Error {
  constructor(readonly error: ImportError) {
    super(error.code);
  }
}

/** Byte length of text as UTF-8, without building a copy of it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function checkSize(bytes: number): ImportError | null {
  return bytes > MAX_IMPORT_BYTES ? { code: 'too-large', limitBytes: MAX_IMPORT_BYTES } : null;
}

/**
 * Nesting depth of JSON text, counted before parsing, so a hostile file of a million `[` is refused
 * without ever building it. Brackets inside strings do not count.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92 /* \ */) i++;
      else if (char === 34 /* " */) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 91 /* [ */ || char === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (char === 93 || char === 125) depth--;
  }
  return false;
}

type Path = { kind: 'entry' | 'draft'; index: number };

function fail(path: Path, field: string): never {
  throw new Invalid({
    code: path.kind === 'entry' ? 'bad-entry' : 'bad-draft',
    index: path.index + 1,
    field,
  });
}

/**
 * A key from the file as it may appear in an error message: a hostile file could use a megabyte
 * of text or invisible direction marks as a key, and the message must still read clearly.
 */
export function shownKey(key: string): string {
  const visible = key.replace(/[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/gu, '\uFFFD');
  const chars = [...visible];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : visible;
}

function checkKeys(
  record: Record<string, unknown>,
  allowed: readonly string[],
  path: Path,
  prefix = '',
): void {
  for (const key of Object.keys(record)) {
    if (FORBIDDEN_KEYS.has(key)) throw new Invalid({ code: 'forbidden-key', key });
    if (!allowed.includes(key)) fail(path, shownKey(`${prefix}${key}`));
  }
}

const isText = (value: unknown, max = MAX_TEXT_LENGTH): value is string =>
  typeof value === 'string' && value.length <= max;
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value < 8.64e15;
const inRange = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;

function textList(value: unknown, path: Path, field: string, maxItems = 500): string[] {
  if (!Array.isArray(value) || value.length > maxItems) fail(path, field);
  return value.map((item) => (isText(item, 1000) ? item : fail(path, field)));
}

function mood(value: unknown, path: Path): MoodScale {
  if (!isRecord(value)) fail(path, 'mood');
  checkKeys(value, ['value', 'word'], path, 'mood.');
  const scale = value.value;
  if (scale !== 1 && scale !== 2 && scale !== 3 && scale !== 4 && scale !== 5) fail(path, 'mood.value');
  if (!isText(value.word, 200)) fail(path, 'mood.word');
  return { value: scale, word: value.word };
}

function nuance(value: unknown, path: Path): MoodNuance {
  if (!isRecord(value)) fail(path, 'nuance');
  checkKeys(value, ['energy', 'pleasantness', 'intensity', 'feelings'], path, 'nuance.');
  if (!inRange(value.energy, -1, 1)) fail(path, 'nuance.energy');
  if (!inRange(value.pleasantness, -1, 1)) fail(path, 'nuance.pleasantness');
  if (!inRange(value.intensity, 0, 1)) fail(path, 'nuance.intensity');
  // `+ 0` turns -0 into 0: JSON writes both as 0, so only then does a backup round-trip exactly.
  return {
    energy: value.energy + 0,
    pleasantness: value.pleasantness + 0,
    intensity: value.intensity + 0,
    feelings: textList(value.feelings, path, 'nuance.feelings'),
  };
}

function answers(value: unknown, path: Path): JournalAnswer[] {
  if (!Array.isArray(value) || value.length > 100) fail(path, 'answers');
  return value.map((item) => {
    if (!isRecord(item)) fail(path, 'answers');
    checkKeys(item, ['question', 'answer'], path, 'answers.');
    if (!isText(item.question, 2000)) fail(path, 'answers.question');
    if (!isText(item.answer)) fail(path, 'answers.answer');
    return { question: item.question, answer: item.answer };
  });
}

const KINDS: readonly JournalEntry['kind'][] = ['reflection', 'check-in', 'okay'];
const CONTENT_FIELDS = [
  'kind',
  'text',
  'sessionId',
  'siteId',
  'mood',
  'nuance',
  'answers',
  'tags',
  'intention',
];

/** The fields an entry and a draft share, checked and rebuilt in a fixed order. */
function entryContent(
  raw: Record<string, unknown>,
  path: Path,
): Omit<JournalEntry, 'id' | 'createdAt' | 'updatedAt'> {
  if (!KINDS.includes(raw.kind as JournalEntry['kind'])) fail(path, 'kind');
  if (!isText(raw.text)) fail(path, 'text');
  const content: Omit<JournalEntry, 'id' | 'createdAt' | 'updatedAt'> = {
    kind: raw.kind as JournalEntry['kind'],
    text: raw.text,
  };
  for (const field of ['sessionId', 'siteId', 'intention'] as const) {
    if (raw[field] === undefined) continue;
    if (!isText(raw[field], field === 'intention' ? MAX_TEXT_LENGTH : 200)) fail(path, field);
    content[field] = raw[field];
  }
  if (raw.mood !== undefined) content.mood = mood(raw.mood, path);
  if (raw.nuance !== undefined) content.nuance = nuance(raw.nuance, path);
  if (raw.answers !== undefined) content.answers = answers(raw.answers, path);
  if (raw.tags !== undefined) content.tags = textList(raw.tags, path, 'tags');
  return content;
}

export function validateEntry(raw: unknown, index: number): JournalEntry {
  const path: Path = { kind: 'entry', index };
  if (!isRecord(raw)) fail(path, '(entry)');
  checkKeys(raw, ['id', 'createdAt', 'updatedAt', ...CONTENT_FIELDS], path);
  if (!isText(raw.id, 200) || raw.id.length === 0) fail(path, 'id');
  if (!isTime(raw.createdAt)) fail(path, 'createdAt');
  if (!isTime(raw.updatedAt)) fail(path, 'updatedAt');
  return {
    id: raw.id,
    createdAt: raw.createdAt + 0,
    updatedAt: raw.updatedAt + 0,
    ...entryContent(raw, path),
  };
}

export function validateDraft(raw: unknown, index: number): JournalDraft {
  const path: Path = { kind: 'draft', index };
  if (!isRecord(raw)) fail(path, '(draft)');
  checkKeys(raw, ['id', 'updatedAt', 'fields'], path);
  if (!isText(raw.id, 200) || raw.id.length === 0) fail(path, 'id');
  if (!isTime(raw.updatedAt)) fail(path, 'updatedAt');
  if (!isRecord(raw.fields)) fail(path, 'fields');
  checkKeys(raw.fields, CONTENT_FIELDS, path, 'fields.');
  return { id: raw.id, updatedAt: raw.updatedAt + 0, fields: entryContent(raw.fields, path) };
}

function uniqueIds<T extends { id: string }>(items: T[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new Invalid({ code: 'duplicate-id', id: item.id });
    seen.add(item.id);
  }
}

/** JSON text to a value, refusing what is too large or too deep before building anything. */
function parseJsonText(text: string, limitBytes: number): ParseResult<unknown> {
  if (utf8Length(text) > limitBytes)
    return { ok: false, error: { code: 'too-large', limitBytes: MAX_IMPORT_BYTES } };
  if (text.trim() === '') return { ok: false, error: { code: 'empty' } };
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) return { ok: false, error: { code: 'too-deep' } };
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch {
    return { ok: false, error: { code: 'not-json' } };
  }
}

/** Parses and checks an Aftercare JSON backup. */
export function parseJsonBackup(text: string): ParseResult<ParsedImport> {
  const json = parseJsonText(text, MAX_IMPORT_BYTES);
  return json.ok ? checkBackup(json.value) : json;
}

function checkBackup(data: unknown): ParseResult<ParsedImport> {
  try {
    if (!isRecord(data) || data.format !== BACKUP_FORMAT) throw new Invalid({ code: 'not-a-backup' });
    for (const key of Object.keys(data)) {
      if (FORBIDDEN_KEYS.has(key)) throw new Invalid({ code: 'forbidden-key', key });
    }
    if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1)
      throw new Invalid({ code: 'not-a-backup' });
    if (data.version > BACKUP_VERSION) throw new Invalid({ code: 'newer-version', version: data.version });
    if (!Array.isArray(data.entries) || data.entries.length > MAX_ENTRIES)
      throw new Invalid({ code: 'not-a-backup' });
    const drafts = data.drafts ?? [];
    if (!Array.isArray(drafts)) throw new Invalid({ code: 'not-a-backup' });
    const value = {
      entries: data.entries.map(validateEntry),
      drafts: drafts.map(validateDraft),
    };
    uniqueIds(value.entries);
    uniqueIds(value.drafts);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: error.error };
    throw error;
  }
}

/** RFC 4180 CSV: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

/**
 * Daylio's five default moods, best first. Custom mood names have no place on the scale. A Map, not
 * an object: a mood called "constructor" must not find Object's own.
 */
const DAYLIO_MOODS = new Map<string, MoodScale['value']>([
  ['rad', 5],
  ['good', 4],
  ['meh', 3],
  ['bad', 2],
  ['awful', 1],
]);

/** "11:54 pm", "11:54 PM", "23:54" → minutes after midnight. */
export function parseDaylioTime(value: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})\s*([ap])?\.?\s*m?\.?$/i.exec(value.trim());
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const half = match[3]?.toLowerCase();
  if (minutes > 59) return undefined;
  if (half) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (half === 'p' ? 12 : 0);
  } else if (hours > 23) return undefined;
  return hours * 60 + minutes;
}

/** Daylio notes carry a little HTML (`<br>`, `<b>`, entities): keep the words, drop the markup. */
export function daylioNoteToText(note: string): string {
  return note
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A short stable hash (cyrb53), so importing the same Daylio file twice merges instead of doubling. */
function stableHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const DAYLIO_REQUIRED = ['full_date', 'time', 'mood', 'activities', 'note'] as const;

/**
 * Daylio's "Export entries" CSV: `full_date,date,weekday,time,mood,activities,note_title,note`,
 * newest first, activities separated by " | ". Each row becomes a check-in at that local time;
 * activities become tags; Daylio's five default moods map onto our five-step scale.
 */
export function parseDaylioCsv(text: string): ParseResult<ParsedImport> {
  const tooLarge = checkSize(utf8Length(text));
  if (tooLarge) return { ok: false, error: tooLarge };
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  if (rows.length === 0) return { ok: false, error: { code: 'empty' } };
  const header = rows[0]!.map((cell) => cell.trim().toLowerCase());
  const column = Object.fromEntries(header.map((name, index) => [name, index]));
  if (!DAYLIO_REQUIRED.every((name) => name in column)) return { ok: false, error: { code: 'not-daylio' } };
  const entries: JournalEntry[] = [];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r]!;
    const cell = (name: string) => (column[name] === undefined ? '' : (cells[column[name]!] ?? '').trim());
    const rowError = (field: string): ParseResult<ParsedImport> => ({
      ok: false,
      error: { code: 'bad-daylio-row', row: r + 1, field },
    });
    const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(cell('full_date'));
    if (!dateMatch) return rowError('full_date');
    const minutes = parseDaylioTime(cell('time'));
    if (minutes === undefined) return rowError('time');
    const [year, month, day] = [Number(dateMatch[1]), Number(dateMatch[2]) - 1, Number(dateMatch[3])];
    const date = new Date(year, month, day, Math.floor(minutes / 60), minutes % 60);
    // Date rolls 2024-02-31 over into March; a day that does not exist is a damaged row.
    if (date.getFullYear() !== year || date.getMonth() !== month || date.getDate() !== day)
      return rowError('full_date');
    const createdAt = date.getTime();
    if (!isTime(createdAt)) return rowError('full_date');
    const moodWord = cell('mood');
    const tags = cell('activities')
      .split('|')
      .map((tag) => tag.trim())
      .filter(Boolean);
    const scale = DAYLIO_MOODS.get(moodWord.toLowerCase());
    // A custom Daylio mood has no place on our scale; its name is kept as a tag so it is not lost.
    if (moodWord && scale === undefined) tags.unshift(moodWord);
    const title = daylioNoteToText(cell('note_title'));
    const note = daylioNoteToText(cell('note'));
    const entryText = [title, note].filter(Boolean).join('\n\n');
    if (entryText.length > MAX_TEXT_LENGTH) return rowError('note');
    const entry: JournalEntry = {
      id: `daylio-${stableHash([cell('full_date'), cell('time'), moodWord, cell('activities'), title, note].join('\u0000'))}`,
      createdAt,
      updatedAt: createdAt,
      kind: 'check-in',
      text: entryText,
    };
    if (scale !== undefined) entry.mood = { value: scale, word: moodWord };
    if (tags.length) entry.tags = [...new Set(tags)];
    entries.push(entry);
  }
  // Two identical rows are one moment written twice: keep one.
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return { ok: true, value: { entries: [...byId.values()], drafts: [] } };
}

/** Same content, whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isRecord(inner)
      ? Object.fromEntries(
          Object.keys(inner)
            .sort()
            .map((key) => [key, inner[key]]),
        )
      : inner,
  );
}

export interface ImportPlan {
  /** Entries to write: the new ones and the ones this file has a newer version of. */
  entries: JournalEntry[];
  drafts: JournalDraft[];
  added: number;
  updated: number;
  /** Already in the journal, identical or newer there: left as they are. */
  unchanged: number;
}

/**
 * Merges by id: a new id is added; an id already in the journal is replaced only when the file's
 * copy was edited later (`updatedAt`), so importing an old backup never undoes newer writing.
 */
export function planImport(
  existing: ReadonlyMap<string, JournalEntry>,
  incoming: ParsedImport,
  existingDraftIds: ReadonlySet<string> = new Set(),
): ImportPlan {
  const plan: ImportPlan = { entries: [], drafts: [], added: 0, updated: 0, unchanged: 0 };
  for (const entry of incoming.entries) {
    const current = existing.get(entry.id);
    if (!current) {
      plan.added++;
      plan.entries.push(entry);
    } else if (entry.updatedAt > current.updatedAt && canonical(entry) !== canonical(current)) {
      plan.updated++;
      plan.entries.push(entry);
    } else plan.unchanged++;
  }
  // A draft is work in progress on this device; one that already exists here is never overwritten.
  plan.drafts = incoming.drafts.filter((draft) => !existingDraftIds.has(draft.id));
  return plan;
}

export type ImportSource = 'backup' | 'daylio';

/** A Daylio export is CSV; anything else is read as an Aftercare backup (plain or encrypted). */
export const importSourceOf = (file: { name: string; type: string }): ImportSource =>
  /\.csv$/i.test(file.name) || file.type === 'text/csv' ? 'daylio' : 'backup';

/** What a chosen file turned out to be: entries, a clear error, or an encrypted backup to open. */
export type ImportRead = ParseResult<ParsedImport> | { ok: 'needs-passphrase'; sealed: EncryptedBackupFile };

const sealedError = (error: unknown): ImportError => {
  if (!(error instanceof SealedBackupError)) throw error;
  switch (error.problem) {
    case 'wrong-passphrase':
      return { code: 'wrong-passphrase' };
    case 'newer-version':
      return { code: 'sealed-newer' };
    case 'damaged':
      return { code: 'sealed-damaged' };
  }
};

/** Reads a chosen file's text. Pure: nothing here touches the journal. */
export function readImportText(text: string, source: ImportSource): ImportRead {
  if (source === 'daylio') return parseDaylioCsv(text);
  // Sized for the larger of the two kinds of backup; a plain one is held to its own limit below.
  const json = parseJsonText(text, MAX_SEALED_IMPORT_BYTES);
  if (!json.ok) return json;
  if (looksSealed(json.value)) {
    try {
      return { ok: 'needs-passphrase', sealed: checkSealedBackup(json.value) };
    } catch (error) {
      return { ok: false, error: sealedError(error) };
    }
  }
  if (utf8Length(text) > MAX_IMPORT_BYTES)
    return { ok: false, error: { code: 'too-large', limitBytes: MAX_IMPORT_BYTES } };
  return checkBackup(json.value);
}

/**
 * Opens an encrypted backup with its passphrase, then checks what is inside exactly like a plain
 * backup. A wrong passphrase or a damaged file gives a clear error; nothing touches the journal.
 */
export async function openEncryptedImport(
  sealed: EncryptedBackupFile,
  passphrase: string,
): Promise<ParseResult<ParsedImport>> {
  let text: string;
  try {
    text = await openSealedBackup(sealed, passphrase);
  } catch (error) {
    return { ok: false, error: sealedError(error) };
  }
  const json = parseJsonText(text, MAX_IMPORT_BYTES);
  // Sealed inside a sealed file is not something Aftercare writes.
  if (json.ok && looksSealed(json.value)) return { ok: false, error: { code: 'not-a-backup' } };
  return json.ok ? checkBackup(json.value) : json;
}
