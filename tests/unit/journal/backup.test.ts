import { describe, expect, it } from 'vitest';
import { openJournalDb, type JournalEntry } from '@/utils/journal/db';
import { createJournalStore, type JournalStore } from '@/utils/journal/store';
import { csvCell, exportCsv, exportJson, exportMarkdown, type ExportLabels } from '@/utils/journal/export';
import {
  MAX_IMPORT_BYTES,
  parseCsv,
  parseDaylioCsv,
  parseDaylioTime,
  parseJsonBackup,
  planImport,
  type ImportError,
  type ParsedImport,
} from '@/utils/journal/import';
import { NOW, generatedEntries, sampleEntries } from './journal-fixtures';

let dbCount = 0;
const freshStore = async () => createJournalStore(await openJournalDb(`backup-test-${++dbCount}`));

/** What the journal page does: parse, plan against what is there, write in one transaction. */
async function importInto(store: JournalStore, parsed: ParsedImport) {
  const existing = new Map((await store.all()).map((entry) => [entry.id, entry]));
  const drafts = new Set((await store.drafts()).map((draft) => draft.id));
  const plan = planImport(existing, parsed, drafts);
  await store.putAll(plan.entries, plan.drafts);
  return plan;
}

const drafts = [
  { id: 'manual', updatedAt: NOW, fields: { kind: 'check-in' as const, text: 'half a thought' } },
];

describe('a JSON backup', () => {
  it('imported into a fresh journal gives the identical journal', async () => {
    const source = await freshStore();
    await source.putAll([...sampleEntries(), ...generatedEntries(300)], drafts);
    const text = await exportJson(await source.all(), await source.drafts(), NOW);

    const target = await freshStore();
    const parsed = parseJsonBackup(text);
    if (!parsed.ok) throw new Error(parsed.error.code);
    const plan = await importInto(target, parsed.value);

    expect(plan).toMatchObject({ added: 304, updated: 0, unchanged: 0 });
    expect(await target.all()).toEqual(await source.all());
    expect(await target.drafts()).toEqual(await source.drafts());
    // And it says what it is.
    expect(JSON.parse(text)).toMatchObject({ format: 'aftercare-journal', version: 1, schemaVersion: 3 });
  });

  it('imported again into the same journal changes nothing', async () => {
    const store = await freshStore();
    await store.putAll(sampleEntries());
    const before = await store.all();
    const parsed = parseJsonBackup(await exportJson(before, [], NOW));
    if (!parsed.ok) throw new Error(parsed.error.code);
    expect(await importInto(store, parsed.value)).toMatchObject({ added: 0, updated: 0, unchanged: 4 });
    expect(await store.all()).toEqual(before);
  });

  it('merges by id: a later edit in the file wins, an older copy never undoes my newer writing', async () => {
    const store = await freshStore();
    const [e1, e2] = sampleEntries();
    await store.putAll([e1!, e2!]);
    const incoming: JournalEntry[] = [
      { ...e1!, text: 'edited later elsewhere', updatedAt: e1!.updatedAt + 1 },
      { ...e2!, text: 'an older copy', updatedAt: e2!.updatedAt - 1 },
      { id: 'new', createdAt: 5, updatedAt: 5, kind: 'okay', text: '' },
    ];
    const plan = await importInto(store, { entries: incoming, drafts: [] });
    expect(plan).toMatchObject({ added: 1, updated: 1, unchanged: 1 });
    expect((await store.get(e1!.id))?.text).toBe('edited later elsewhere');
    expect((await store.get(e2!.id))?.text).toBe(e2!.text);
  });
});

describe('a file that is not a good backup', () => {
  const valid = () => ({
    format: 'aftercare-journal',
    version: 1,
    exportedAt: '2025-01-01T00:00:00.000Z',
    schemaVersion: 2,
    entries: sampleEntries(),
    drafts: [],
  });
  const errorOf = (text: string): ImportError => {
    const result = parseJsonBackup(text);
    if (result.ok) throw new Error('expected an error');
    return result.error;
  };
  const withEntry = (change: (entry: Record<string, unknown>) => void) => {
    const backup = valid();
    change(backup.entries[1] as unknown as Record<string, unknown>);
    return JSON.stringify(backup);
  };

  it.each([
    ['a date that is text', (e: Record<string, unknown>) => (e.createdAt = 'yesterday'), 'createdAt'],
    [
      'a mood off the scale',
      (e: Record<string, unknown>) => (e.mood = { value: 9, word: 'x' }),
      'mood.value',
    ],
    ['an unknown kind', (e: Record<string, unknown>) => (e.kind = 'rant'), 'kind'],
    ['text that is a number', (e: Record<string, unknown>) => (e.text = 42), 'text'],
    ['tags that are not text', (e: Record<string, unknown>) => (e.tags = [1, 2]), 'tags'],
    ['a missing id', (e: Record<string, unknown>) => delete e.id, 'id'],
    ['a missing text', (e: Record<string, unknown>) => delete e.text, 'text'],
    ['an unknown field', (e: Record<string, unknown>) => (e.password = 'x'), 'password'],
  ])('%s is refused, naming the entry and field', (_name, change, field) => {
    expect(errorOf(withEntry(change))).toEqual({ code: 'bad-entry', index: 2, field });
  });

  it('a __proto__ key is refused, at the top or inside an entry', () => {
    const top = JSON.stringify(valid()).replace('{', '{"__proto__":{"polluted":true},');
    expect(errorOf(top)).toEqual({ code: 'forbidden-key', key: '__proto__' });
    const inner = JSON.stringify(valid()).replace('{"id":"e2"', '{"__proto__":{"polluted":true},"id":"e2"');
    expect(errorOf(inner)).toEqual({ code: 'forbidden-key', key: '__proto__' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a 50 MB file is refused before it is read as JSON', () => {
    const huge = '{"format":"aftercare-journal","entries":["' + 'x'.repeat(50 * 1024 * 1024) + '"]}';
    expect(errorOf(huge)).toEqual({ code: 'too-large', limitBytes: MAX_IMPORT_BYTES });
  });

  it('deep nesting is refused without being built', () => {
    expect(errorOf('['.repeat(100_000) + ']'.repeat(100_000))).toEqual({ code: 'too-deep' });
    expect(errorOf(withEntry((e) => (e.mood = { value: [[[[[[[[[[[[[1]]]]]]]]]]]]] })))).toEqual({
      code: 'too-deep',
    });
  });

  it('a truncated file is refused', () => {
    const text = JSON.stringify(valid());
    expect(errorOf(text.slice(0, text.length / 2))).toEqual({ code: 'not-json' });
  });

  it('other JSON, an empty file, a newer version and repeated ids are refused', () => {
    expect(errorOf('{"hello":"world"}')).toEqual({ code: 'not-a-backup' });
    expect(errorOf('[]')).toEqual({ code: 'not-a-backup' });
    expect(errorOf('   ')).toEqual({ code: 'empty' });
    expect(errorOf(JSON.stringify({ ...valid(), version: 7 }))).toEqual({
      code: 'newer-version',
      version: 7,
    });
    const twice = valid();
    twice.entries.push(twice.entries[0]!);
    expect(errorOf(JSON.stringify(twice))).toEqual({ code: 'duplicate-id', id: 'e1' });
  });

  it('leaves the journal unchanged whatever was wrong', async () => {
    const store = await freshStore();
    await store.putAll(sampleEntries());
    const before = await store.all();
    for (const text of [
      '{',
      '[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]',
      withEntry((e) => (e.createdAt = -1)),
    ]) {
      const result = parseJsonBackup(text);
      expect(result.ok).toBe(false);
    }
    expect(await store.all()).toEqual(before);
  });
});

describe('readable exports', () => {
  const labels: ExportLabels = {
    title: 'My journal',
    readableByAnyone: 'Not encrypted: anyone who gets this file can read it.',
    kind: { reflection: 'After a session', 'check-in': 'Check-in', okay: 'Check-in' },
    mood: 'Mood',
    tags: 'Tags',
    site: 'Site',
    intention: 'Intention',
    formatDate: (ms) => new Date(ms).toISOString(),
    siteName: (id) => (id === 'practice' ? 'Practice call' : id),
  };

  it('Markdown says plainly who can read it, and holds every entry', async () => {
    const markdown = await exportMarkdown(sampleEntries(), labels);
    expect(markdown).toContain('> Not encrypted: anyone who gets this file can read it.');
    expect(markdown).toContain('Felt close to him. 💛');
    expect(markdown).toContain('**What do you need now?**');
    expect(markdown).toContain('Site: Practice call');
    expect(markdown.match(/^## /gm)).toHaveLength(4);
  });

  it('CSV cells that a spreadsheet would run as formulas are defused', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+49 123')).toBe("'+49 123");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a "quote", a comma')).toBe('"a ""quote"", a comma"');
  });

  it('CSV has one row per entry, safe and readable back', async () => {
    const csv = await exportCsv(sampleEntries());
    const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
    expect(rows).toHaveLength(5);
    expect(rows[0]![0]).toBe('id');
    const e4 = rows.find((row) => row[0] === 'e4')!;
    expect(e4[7]).toBe('\'=HYPERLINK("http://x") and "quotes", commas\nnew line');
    expect(rows.find((row) => row[0] === 'e2')![7]).toBe('Müde, aber okay — 大丈夫');
  });

  it('reports progress and can be cancelled', async () => {
    const seen: number[] = [];
    await exportCsv(generatedEntries(1200), { chunkSize: 500, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([500, 1000, 1200, 1200]);
    const controller = new AbortController();
    const promise = exportJson(generatedEntries(1200), [], NOW, {
      chunkSize: 100,
      signal: controller.signal,
      onProgress: (done) => done >= 300 && controller.abort(new Error('stopped')),
    });
    await expect(promise).rejects.toThrow('stopped');
  });
});

describe("Daylio's CSV export", () => {
  const daylio = [
    'full_date,date,weekday,time,mood,activities,note_title,note',
    '2024-05-18,May 18,Saturday,11:54 pm,rad,"friends | music","A good day","Danced<br>a lot &amp; laughed"',
    '2024-05-17,May 17,Friday,08:05,meh,"","",""',
    '2024-05-16,May 16,Thursday,7:30 am,sleepy,"bad sleep | tired",,"Slow morning, ""very"" slow"',
  ].join('\r\n');

  it('becomes check-ins at the right local time, moods on our scale, activities as tags', () => {
    const result = parseDaylioCsv(daylio);
    if (!result.ok) throw new Error(result.error.code);
    const [first, second, third] = result.value.entries;
    expect(first).toMatchObject({
      createdAt: new Date(2024, 4, 18, 23, 54).getTime(),
      kind: 'check-in',
      text: 'A good day\n\nDanced\na lot & laughed',
      mood: { value: 5, word: 'rad' },
      tags: ['friends', 'music'],
    });
    expect(second).toMatchObject({
      createdAt: new Date(2024, 4, 17, 8, 5).getTime(),
      text: '',
      mood: { value: 3 },
    });
    expect(second!.tags).toBeUndefined();
    // A custom mood has no place on the scale; its name is kept as a tag.
    expect(third).toMatchObject({
      text: 'Slow morning, "very" slow',
      tags: ['sleepy', 'bad sleep', 'tired'],
    });
    expect(third!.mood).toBeUndefined();
  });

  it('imported twice, merges instead of doubling', async () => {
    const store = await freshStore();
    const parsed = parseDaylioCsv(daylio);
    if (!parsed.ok) throw new Error(parsed.error.code);
    await importInto(store, parsed.value);
    const again = parseDaylioCsv(daylio);
    if (!again.ok) throw new Error(again.error.code);
    expect(await importInto(store, again.value)).toMatchObject({ added: 0, unchanged: 3 });
    expect(await store.count()).toBe(3);
  });

  it('refuses other CSV files and broken rows, naming the row', () => {
    expect(parseDaylioCsv('name,email\nA,b@c')).toEqual({ ok: false, error: { code: 'not-daylio' } });
    expect(parseDaylioCsv(daylio.replace('2024-05-17', '17/05/2024'))).toEqual({
      ok: false,
      error: { code: 'bad-daylio-row', row: 3, field: 'full_date' },
    });
    expect(parseDaylioCsv(daylio.replace('08:05', '25:61'))).toEqual({
      ok: false,
      error: { code: 'bad-daylio-row', row: 3, field: 'time' },
    });
  });

  it('reads the times Daylio writes', () => {
    expect(parseDaylioTime('12:00 am')).toBe(0);
    expect(parseDaylioTime('12:30 PM')).toBe(750);
    expect(parseDaylioTime('9:05 p.m.')).toBe(21 * 60 + 5);
    expect(parseDaylioTime('23:59')).toBe(1439);
    expect(parseDaylioTime('13:00 pm')).toBeUndefined();
  });
});
