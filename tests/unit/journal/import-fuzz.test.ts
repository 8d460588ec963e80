import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openJournalDb, type JournalDraft, type JournalEntry } from '@/utils/journal/db';
import { createJournalStore, type JournalStore } from '@/utils/journal/store';
import { exportJson } from '@/utils/journal/export';
import { sealBackup } from '@/utils/lock/encrypted-backup';
import {
  parseJsonBackup,
  planImport,
  readImportText,
  validateDraft,
  validateEntry,
  type ImportRead,
  type ImportSource,
  type ParsedImport,
} from '@/utils/journal/import';
import { importErrorMessage } from '@/components/journal/JournalDataPanel';
import en from '../../../public/_locales/en/messages.json';
import { NOW, sampleEntries } from './journal-fixtures';
import { FUZZ_SEED, fuzzOptions } from '../fuzz-options';

/**
 * Hostile input (issue 7): thousands of generated malformed files go through the importer. For every
 * one: no exception escapes, a refusal comes with a kind message from the catalogue that says nothing
 * was changed, a refused file leaves the journal exactly as it was, and an accepted file round-trips.
 * Seeded, so a run can be repeated: FUZZ_SEED=<n> npx vitest run tests/unit/journal/import-fuzz.test.ts
 */

/** Every message, filled in, still starts the way its catalogue entry does. */
const catalogueStarts = Object.values(en as Record<string, { message: string }>).map(
  (entry) => entry.message.split('$')[0]!,
);
const fromCatalogue = (text: string) => catalogueStarts.some((start) => text.startsWith(start));
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** Reads a file the way the journal page does; any exception is a failure of the property. */
function read(text: string, source: ImportSource): ImportRead {
  try {
    return readImportText(text, source);
  } catch (error) {
    throw new Error(`the importer threw instead of refusing: ${String(error)}`);
  }
}

/** A refusal a person can read: from the catalogue, short, plain, and saying nothing changed. */
function expectKindRefusal(result: ImportRead & { ok: false }) {
  const message = importErrorMessage(result.error);
  expect(message, JSON.stringify(result.error)).toBeTruthy();
  expect(fromCatalogue(message), message).toBe(true);
  expect(message).toContain('Nothing was changed');
  expect(message).not.toMatch(/\$\w+\$|undefined|null|NaN|\[object|error|exception|invalid/i);
  expect(message.length, message).toBeLessThan(260);
  expect(HIDDEN.test(message), message).toBe(false);
}

const byId = <T extends { id: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Accepted means: every record is a valid journal record, and export -> import gives it back. */
async function expectRoundTrip(value: ParsedImport) {
  value.entries.forEach((entry, i) => expect(validateEntry(entry, i)).toEqual(entry));
  value.drafts.forEach((draft, i) => expect(validateDraft(draft, i)).toEqual(draft));
  expect(new Set(value.entries.map((e) => e.id)).size).toBe(value.entries.length);
  const again = parseJsonBackup(await exportJson(value.entries, value.drafts, NOW));
  if (!again.ok) throw new Error(`an accepted file did not round-trip: ${again.error.code}`);
  expect(byId(again.value.entries)).toEqual(byId(value.entries));
  expect(byId(again.value.drafts)).toEqual(byId(value.drafts));
}

function expectNoPollution() {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

// ── generators ──

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '💛', 'Müde, aber okay — 大丈夫', '=HYPERLINK("x")', '\u202e\u0000'),
);
const time = fc.integer({ min: 0, max: 4_102_444_800_000 });
const validEntry: fc.Arbitrary<JournalEntry> = fc
  .record(
    {
      id: fc.string({ minLength: 1, maxLength: 24 }),
      createdAt: time,
      updatedAt: time,
      kind: fc.constantFrom('reflection', 'check-in', 'okay'),
      text,
      sessionId: fc.string({ maxLength: 20 }),
      siteId: fc.constantFrom('practice', 'meet', 'x'),
      mood: fc.record({ value: fc.constantFrom(1, 2, 3, 4, 5), word: text }),
      nuance: fc.record({
        energy: fc.double({ min: -1, max: 1, noNaN: true }),
        pleasantness: fc.double({ min: -1, max: 1, noNaN: true }),
        intensity: fc.double({ min: 0, max: 1, noNaN: true }),
        feelings: fc.array(text, { maxLength: 3 }),
      }),
      answers: fc.array(fc.record({ question: text, answer: text }), { maxLength: 2 }),
      tags: fc.array(text, { maxLength: 3 }),
      intention: text,
    },
    { requiredKeys: ['id', 'createdAt', 'updatedAt', 'kind', 'text'] },
  )
  .map((entry) => entry as JournalEntry);
const validDraft: fc.Arbitrary<JournalDraft> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 24 }),
  updatedAt: time,
  fields: fc.record({ kind: fc.constantFrom('reflection', 'check-in', 'okay'), text }),
});
const validBackup = fc.record({
  format: fc.constant('aftercare-journal'),
  version: fc.constant(1),
  exportedAt: fc.constant('2025-06-15T10:00:00.000Z'),
  schemaVersion: fc.constant(2),
  entries: fc.uniqueArray(validEntry, { selector: (e) => e.id, maxLength: 6 }),
  drafts: fc.uniqueArray(validDraft, { selector: (d) => d.id, maxLength: 2 }),
});

/** Values that do not belong where a backup has something else. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, -1, 1.5, 6, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.constantFrom('', 'NaN', 'Infinity', '-Infinity', '2025-02-30', 'yesterday', '1e999', '__proto__'),
  fc.constantFrom([], {}, [null], { value: 3 }, [[[[[[1]]]]]], { toString: 'x' }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  // Just over the longest text a field may hold (rare: long strings make every run slow).
  fc.constant('x'.repeat(2001)),
  fc.nat(15).map((n) => JSON.parse('['.repeat(n + 1) + ']'.repeat(n + 1)) as unknown),
);
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'password', 'toString', 'hasOwnProperty', ''),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constant(`\u202e${'k'.repeat(300)}`),
);

/** Every place inside a value, as a path of keys. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => paths(item, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null)
    for (const [key, inner] of Object.entries(value)) paths(inner, [...prefix, key], out);
  return out;
}

/** Sets an own property, even one called __proto__ (what JSON.parse of such a file gives). */
function setOwn(target: Record<string | number, unknown>, key: string | number, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add-key'; at: number; key: string; value: unknown }
  | { kind: 'duplicate-entry'; at: number }
  | { kind: 'wrap'; at: number; depth: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add-key' as const), at: fc.nat(), key: hostileKey, value: hostileValue }),
  fc.record({ kind: fc.constant('duplicate-entry' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('wrap' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 14 }) }),
);

function mutate(backup: unknown, change: Mutation): unknown {
  const root = structuredClone(backup) as Record<string, unknown>;
  // An earlier mutation may have deleted everything: there is nothing left to change.
  if (typeof root !== 'object' || root === null) return root;
  const all = paths(root);
  const path = all[change.at % all.length]!;
  const parentOf = (p: (string | number)[]) =>
    p.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as never, root);
  switch (change.kind) {
    case 'replace':
    case 'wrap': {
      if (path.length === 0) return change.kind === 'replace' ? change.value : [root];
      const parent = parentOf(path);
      const key = path[path.length - 1]!;
      let value: unknown = change.kind === 'replace' ? change.value : parent[key];
      if (change.kind === 'wrap') for (let i = 0; i < change.depth; i++) value = [value];
      setOwn(parent, key, value);
      return root;
    }
    case 'delete': {
      if (path.length === 0) return undefined;
      const parent = parentOf(path);
      const key = path[path.length - 1]!;
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return root;
    }
    case 'add-key': {
      const objects = all.filter((p) => {
        const node = p.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], root);
        return typeof node === 'object' && node !== null && !Array.isArray(node);
      });
      if (objects.length === 0) return root;
      const p = objects[change.at % objects.length]!;
      const node = p.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], root);
      setOwn(node as Record<string, unknown>, change.key, change.value);
      return root;
    }
    case 'duplicate-entry': {
      const entries = root.entries as unknown[];
      if (Array.isArray(entries) && entries.length) entries.push(entries[change.at % entries.length]);
      return root;
    }
  }
}

type TextChange =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; junk: string }
  | { kind: 'bom'; count: number }
  | { kind: 'number-token'; token: string }
  | { kind: 'none' };

const textChange: fc.Arbitrary<TextChange> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    junk: fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
      fc.constantFrom('{', '}', '[', ']', '"', '\\', ',', ':', '\u0000', '\ufeff', '\\u0000', '\\ud800'),
    ),
  }),
  fc.record({ kind: fc.constant('bom' as const), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    kind: fc.constant('number-token' as const),
    token: fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '-0', '0x10', '01', '1_000', '+1'),
  }),
);

function changeText(source: string, change: TextChange): string {
  switch (change.kind) {
    case 'none':
      return source;
    case 'truncate':
      return source.slice(0, change.at % (source.length + 1));
    case 'insert': {
      const at = change.at % (source.length + 1);
      return source.slice(0, at) + change.junk + source.slice(at);
    }
    case 'bom':
      return '\ufeff'.repeat(change.count) + source;
    case 'number-token':
      return source.replace(/(?<=":)-?\d+(\.\d+)?/, change.token);
  }
}

const serialise = (value: unknown) => JSON.stringify(value) ?? '';

/** Any file at all: text, bytes decoded as the browser's File.text() would, or nothing. */
const noise = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => new TextDecoder().decode(bytes)),
  fc.json({ maxDepth: 4 }),
  fc.constantFrom('', '\ufeff', '{}', '[]', 'null', '"aftercare-journal"', '{"format":"aftercare-journal"}'),
);

// ── the journal that must stay unchanged ──

let store: JournalStore;
let before: { entries: JournalEntry[]; drafts: JournalDraft[] };
const snapshot = async () => ({ entries: await store.all(), drafts: await store.drafts() });

beforeAll(async () => {
  store = createJournalStore(await openJournalDb('import-fuzz'));
  await store.putAll(sampleEntries(), [
    { id: 'manual', updatedAt: NOW, fields: { kind: 'check-in', text: 'half a thought' } },
  ]);
  before = await snapshot();
});

/** The journal page's own steps: read, and only for an accepted file plan and write. */
async function importAsThePageDoes(fileText: string, source: ImportSource) {
  const result = read(fileText, source);
  if (result.ok === true) {
    await expectRoundTrip(result.value);
    return result;
  }
  if (result.ok === false) expectKindRefusal(result);
  // A refused file (or one still waiting for a passphrase) never reaches the journal.
  expect(await snapshot()).toEqual(before);
  expectNoPollution();
  return result;
}

describe(`hostile backups (seed ${FUZZ_SEED})`, () => {
  it('thousands of mutated backups: never a crash, always a kind refusal or an exact round trip', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        validBackup,
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        textChange,
        (backup, changes, change) => {
          const mutated = changes.reduce<unknown>(mutate, backup);
          const result = read(changeText(serialise(mutated), change), 'backup');
          if (result.ok === true) {
            accepted++;
            // Checked synchronously here; the write path is covered by the journal test below.
            result.value.entries.forEach((entry, i) => expect(validateEntry(entry, i)).toEqual(entry));
          } else if (result.ok === false) {
            refused++;
            expectKindRefusal(result);
          }
          expectNoPollution();
        },
      ),
      fuzzOptions(2000),
    );
    // The generator must reach both sides, or the property proves little.
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(1000);
  });

  it('valid backups are accepted and round-trip exactly; mutated ones leave the journal unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(validBackup, fc.option(mutation, { freq: 2 }), async (backup, change) => {
        const file = serialise(change ? mutate(backup, change) : backup);
        const result = await importAsThePageDoes(file, 'backup');
        if (!change) expect(result.ok).toBe(true);
      }),
      fuzzOptions(250),
    );
  });

  it('random bytes and other JSON are refused kindly', async () => {
    await fc.assert(
      fc.asyncProperty(noise, async (file) => {
        const result = await importAsThePageDoes(file, 'backup');
        expect(result.ok).not.toBe('needs-passphrase');
      }),
      fuzzOptions(600),
    );
  });

  it('huge, deep and wide files are refused before they are built', () => {
    const tooLongText = { ...sampleEntries()[2]!, text: 'x'.repeat(200_001) };
    for (const file of [
      JSON.stringify({ format: 'aftercare-journal', version: 1, entries: [tooLongText] }),
      '['.repeat(1_000_000),
      '{"a":'.repeat(200_000),
      `{"format":"aftercare-journal","version":1,"entries":[${'{},'.repeat(100_000)}{}]}`,
      `{"format":"aftercare-journal","version":1,"entries":[],"x":"${'x'.repeat(21 * 1024 * 1024)}"}`,
    ]) {
      const result = read(file, 'backup');
      if (result.ok !== false) throw new Error('expected a refusal');
      expectKindRefusal(result);
    }
  });
});

describe(`hostile encrypted backups (seed ${FUZZ_SEED})`, () => {
  let sealed: Record<string, unknown>;
  beforeAll(async () => {
    sealed = JSON.parse(await sealBackup(await exportJson(sampleEntries(), [], NOW), 'fuzz passphrase'));
  });

  it('a mutated outside is refused kindly or waits for a passphrase, without any key work', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), textChange, (changes, change) => {
        const mutated = changes.filter((c) => c.kind !== 'duplicate-entry').reduce<unknown>(mutate, sealed);
        const result = read(changeText(serialise(mutated), change), 'backup');
        if (result.ok === false) expectKindRefusal(result);
        if (result.ok === 'needs-passphrase') {
          // Only a well-formed outside gets this far, and it asks for no more work than Aftercare does.
          expect(result.sealed.keyCheck.iter).toBeLessThanOrEqual(6_000_000);
        }
        expectNoPollution();
      }),
      fuzzOptions(1000),
    );
  });
});

// ── Daylio ──

const DAYLIO_COLUMNS = ['full_date', 'date', 'weekday', 'time', 'mood', 'activities', 'note_title', 'note'];
const header = fc.oneof(
  { weight: 4, arbitrary: fc.constant(DAYLIO_COLUMNS) },
  fc.shuffledSubarray(DAYLIO_COLUMNS, { minLength: 3 }),
  fc.array(fc.constantFrom(...DAYLIO_COLUMNS, 'FULL_DATE', ' mood ', '__proto__', 'constructor', 'x'), {
    maxLength: 10,
  }),
);
const cell = fc.oneof(
  fc.constantFrom(
    '2024-02-29',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '1969-12-31',
    '0000-00-00',
    '9999-12-31',
  ),
  fc.constantFrom('11:54 pm', '12:00 AM', '23:59', '24:00', '12:60', '0:00 pm', '7:05'),
  fc.constantFrom('rad', 'Good', 'meh', 'awful', 'constructor', '__proto__', 'toString', 'hasOwnProperty'),
  fc.constantFrom('=cmd|" /C calc"!A0', '+1', '-2', '@SUM(1)', 'work | sleep', '| |', ' | | '),
  fc.constantFrom('<b>bold</b><br>line', '&amp;&lt;&gt;&quot;&#39;', '"', '""', 'a,b', 'a\nb', 'a\r\nb'),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
);
/** One CSV field, written correctly quoted or carelessly. */
const field = fc
  .tuple(cell, fc.constantFrom('quoted', 'raw', 'half-quoted'))
  .map(([value, style]) =>
    style === 'quoted' ? `"${value.replace(/"/g, '""')}"` : style === 'half-quoted' ? `"${value}` : value,
  );
const daylioCsv = fc
  .tuple(
    header,
    fc.array(fc.array(field, { maxLength: 10 }), { maxLength: 6 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
  )
  .map(
    ([names, rows, eol, bom]) =>
      (bom ? '\ufeff' : '') + [names.join(','), ...rows.map((cells) => cells.join(','))].join(eol),
  );
/** A well-formed Daylio export, so accepted files are reached often. */
const goodDaylio = fc
  .array(
    fc.record({
      date: fc.date({ min: new Date(2015, 0, 1), max: new Date(2030, 11, 31), noInvalidDate: true }),
      mood: fc.constantFrom('rad', 'good', 'meh', 'bad', 'awful', 'tired', 'constructor'),
      activities: fc.array(fc.constantFrom('work', 'sleep', 'friends', '=SUM(1)'), { maxLength: 3 }),
      note: text,
    }),
    { maxLength: 5 },
  )
  .map((rows) =>
    [
      DAYLIO_COLUMNS.join(','),
      ...rows.map(({ date, mood, activities, note }) => {
        const pad = (n: number) => String(n).padStart(2, '0');
        const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
        const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
        return [day, '', '', time, mood, activities.join(' | '), '', note]
          .map((value) => `"${value.replace(/"/g, '""')}"`)
          .join(',');
      }),
    ].join('\n'),
  );

describe(`hostile Daylio exports (seed ${FUZZ_SEED})`, () => {
  it('ragged rows, stray quotes, formulas and wrong headers: never a crash, always clear', () => {
    fc.assert(
      fc.property(daylioCsv, (file) => {
        const result = read(file, 'daylio');
        if (result.ok === false) expectKindRefusal(result);
        if (result.ok === true)
          result.value.entries.forEach((entry, i) => expect(validateEntry(entry, i)).toEqual(entry));
        expectNoPollution();
      }),
      fuzzOptions(1500),
    );
  });

  it('accepted exports become valid entries that round-trip; refused ones change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(goodDaylio, daylioCsv), async (file) => {
        await importAsThePageDoes(file, 'daylio');
      }),
      fuzzOptions(250),
    );
  });

  it('a custom mood named like a built-in of JavaScript stays a tag, never a strange mood', () => {
    for (const mood of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty']) {
      const result = read(`full_date,time,mood,activities,note\n2024-05-01,10:00,${mood},,hi`, 'daylio');
      if (result.ok !== true) throw new Error(`refused ${mood}`);
      expect(result.value.entries[0]!.mood).toBeUndefined();
      expect(result.value.entries[0]!.tags).toEqual([mood]);
    }
  });

  it('a note longer than any entry may be is refused kindly', () => {
    const result = read(
      `full_date,time,mood,activities,note\n2024-05-01,10:00,good,,"${'x'.repeat(200_001)}"`,
      'daylio',
    );
    expect(result).toEqual({ ok: false, error: { code: 'bad-daylio-row', row: 2, field: 'note' } });
    if (result.ok === false) expectKindRefusal(result);
  });

  it('a day that does not exist is refused, not moved to another day', () => {
    for (const day of ['2023-02-29', '2024-02-30', '2024-04-31', '2024-13-01', '2024-00-10']) {
      const result = read(`full_date,time,mood,activities,note\n${day},10:00,good,,hi`, 'daylio');
      expect(result).toEqual({ ok: false, error: { code: 'bad-daylio-row', row: 2, field: 'full_date' } });
    }
  });
});

describe('what the fuzzing found, pinned down', () => {
  it('a file with a megabyte-long or invisible field name gets a short, readable message', () => {
    const backup = {
      format: 'aftercare-journal',
      version: 1,
      entries: [{ ...sampleEntries()[2] }],
      drafts: [],
    };
    setOwn(backup.entries[0] as Record<string, unknown>, `\u202e${'k'.repeat(1_000_000)}`, 1);
    const result = read(JSON.stringify(backup), 'backup');
    if (result.ok !== false) throw new Error('expected a refusal');
    expectKindRefusal(result);
    expect(importErrorMessage(result.error)).toBe(
      `Entry 1 in this file has an unexpected "\uFFFD${'k'.repeat(39)}…". Nothing was changed.`,
    );
  });

  it('-0 in a backup is stored as 0, so the journal round-trips exactly', async () => {
    const entry = { ...sampleEntries()[2]!, createdAt: -0 };
    const result = read(
      JSON.stringify({ format: 'aftercare-journal', version: 1, entries: [entry] }),
      'backup',
    );
    if (result.ok !== true) throw new Error('refused');
    expect(Object.is(result.value.entries[0]!.createdAt, 0)).toBe(true);
    await expectRoundTrip(result.value);
  });

  it('an accepted file, written to the journal, reads back exactly', async () => {
    const target = createJournalStore(await openJournalDb('import-fuzz-target'));
    const [sample] = fc.sample(validBackup, { seed: FUZZ_SEED, numRuns: 1 });
    const result = read(JSON.stringify(sample), 'backup');
    if (result.ok !== true) throw new Error('refused');
    const plan = planImport(new Map(), result.value);
    await target.putAll(plan.entries, plan.drafts);
    expect(byId(await target.all())).toEqual(byId(result.value.entries));
    expect(byId(await target.drafts())).toEqual(byId(result.value.drafts));
  });
});
