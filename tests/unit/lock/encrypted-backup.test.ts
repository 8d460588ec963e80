import { beforeAll, describe, expect, it } from 'vitest';
import { openJournalDb, type JournalDraft } from '@/utils/journal/db';
import { createJournalStore, type JournalStore } from '@/utils/journal/store';
import { EXPORT_FORMATS, exportEncryptedJson, exportFileName } from '@/utils/journal/export';
import { MAX_BACKUP_ITERATIONS, sealBackup } from '@/utils/lock/encrypted-backup';
import {
  openEncryptedImport,
  planImport,
  readImportText,
  type ImportError,
  type ParsedImport,
} from '@/utils/journal/import';
import { NOW, generatedEntries, sampleEntries } from '../journal/journal-fixtures';

// PBKDF2 at 600,000 iterations takes a noticeable moment: each sealed file is made once and shared.

let dbCount = 0;
const freshStore = async () => createJournalStore(await openJournalDb(`sealed-test-${++dbCount}`));

async function importInto(store: JournalStore, parsed: ParsedImport) {
  const existing = new Map((await store.all()).map((entry) => [entry.id, entry]));
  const plan = planImport(existing, parsed, new Set((await store.drafts()).map((d) => d.id)));
  await store.putAll(plan.entries, plan.drafts);
  return plan;
}

function sealedOf(text: string) {
  const read = readImportText(text, 'backup');
  if (read.ok !== 'needs-passphrase') throw new Error(`not recognised as encrypted: ${JSON.stringify(read)}`);
  return read.sealed;
}

async function openError(text: string, passphrase: string): Promise<ImportError> {
  const read = readImportText(text, 'backup');
  if (read.ok === false) return read.error;
  if (read.ok === true) throw new Error('a plain backup?');
  const opened = await openEncryptedImport(read.sealed, passphrase);
  if (opened.ok) throw new Error('expected it not to open');
  return opened.error;
}

const flipBase64Byte = (base64: string, index: number) => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[index] = bytes[index]! ^ 0x01;
  return bytes.toString('base64');
};

const drafts: JournalDraft[] = [
  { id: 'manual', updatedAt: NOW, fields: { kind: 'check-in', text: 'half a thought, unsent' } },
];

describe('an encrypted backup', () => {
  const passphrase = 'blue kettle, quiet morning';
  let source: JournalStore;
  let file: string;

  beforeAll(async () => {
    source = await freshStore();
    await source.putAll([...sampleEntries(), ...generatedEntries(200)], drafts);
    file = await exportEncryptedJson(await source.all(), await source.drafts(), NOW, passphrase);
  });

  it('is offered first, and is the one format that is not readable by anyone', () => {
    expect(EXPORT_FORMATS[0]).toMatchObject({ id: 'encrypted', readableByAnyone: false });
    expect(EXPORT_FORMATS.slice(1).every((format) => format.readableByAnyone)).toBe(true);
    expect(exportFileName(EXPORT_FORMATS[0]!, NOW)).toBe('aftercare-journal-2025-06-15.encrypted.json');
  });

  it('says what it is and how it was made, and holds none of the words', () => {
    const data = JSON.parse(file) as Record<string, Record<string, unknown>>;
    expect(Object.keys(data)).toEqual(['aftercare', 'v', 'keyCheck', 'backup']);
    expect(data).toMatchObject({ aftercare: 'encrypted-backup', v: 1 });
    for (const record of [data.keyCheck!, data.backup!]) {
      expect(record).toMatchObject({ v: 1, alg: 'AES-GCM', kdf: 'PBKDF2-SHA256', iter: 600_000 });
    }
    expect(data.keyCheck!.salt).toBe(data.backup!.salt);
    expect(data.keyCheck!.iv).not.toBe(data.backup!.iv);
    // Words with a space, a quote, a dash or a letter outside base64, so none can turn up by chance.
    const words = [
      'Felt close',
      'Müde',
      '大丈夫',
      '=HYPERLINK',
      '"partner"',
      'half a thought',
      '"e1"',
      'gen-1',
    ];
    expect(words.filter((word) => file.includes(word))).toEqual([]);
  });

  it('imported into a fresh journal with the passphrase gives the identical journal', async () => {
    const opened = await openEncryptedImport(sealedOf(file), passphrase);
    if (!opened.ok) throw new Error(opened.error.code);
    const target = await freshStore();
    expect(await importInto(target, opened.value)).toMatchObject({ added: 204, updated: 0, unchanged: 0 });
    expect(await target.all()).toEqual(await source.all());
    expect(await target.drafts()).toEqual(await source.drafts());
  });

  it('a wrong passphrase is refused clearly, and decrypts nothing', async () => {
    expect(await openError(file, 'blue kettle, quiet mornings')).toEqual({ code: 'wrong-passphrase' });
    expect(await openError(file, '')).toEqual({ code: 'wrong-passphrase' });
  });

  it('a changed or damaged file is refused and never opens to different words', async () => {
    const data = JSON.parse(file) as Record<string, Record<string, string>>;
    const withBackup = (change: Record<string, unknown>) =>
      JSON.stringify({ ...data, backup: { ...data.backup, ...change } });
    // One bit of the sealed backup, of its tag, of its IV: the right passphrase no longer opens it.
    const sealedBytes = Buffer.from(data.backup!.data!, 'base64').length;
    expect(await openError(withBackup({ data: flipBase64Byte(data.backup!.data!, 40) }), passphrase)).toEqual(
      {
        code: 'sealed-damaged',
      },
    );
    expect(
      await openError(withBackup({ data: flipBase64Byte(data.backup!.data!, sealedBytes - 1) }), passphrase),
    ).toEqual({ code: 'sealed-damaged' });
    expect(await openError(withBackup({ iv: flipBase64Byte(data.backup!.iv!, 0) }), passphrase)).toEqual({
      code: 'sealed-damaged',
    });
    // The key check passed off as the backup.
    expect(await openError(JSON.stringify({ ...data, backup: data.keyCheck }), passphrase)).toEqual({
      code: 'sealed-damaged',
    });
  });

  it('a damaged outside is refused at once, before any key work', () => {
    const data = JSON.parse(file) as Record<string, Record<string, unknown>>;
    const errorOf = (value: unknown) => {
      const read = readImportText(typeof value === 'string' ? value : JSON.stringify(value), 'backup');
      return read.ok === false ? read.error : read.ok;
    };
    expect(errorOf(file.slice(0, file.length / 2))).toEqual({ code: 'not-json' });
    expect(errorOf({ ...data, v: 2 })).toEqual({ code: 'sealed-newer' });
    expect(errorOf({ ...data, v: '1' })).toEqual({ code: 'sealed-damaged' });
    expect(errorOf({ ...data, hint: 'the name of my cat' })).toEqual({ code: 'sealed-damaged' });
    expect(errorOf({ ...data, backup: undefined })).toEqual({ code: 'sealed-damaged' });
    expect(errorOf({ ...data, backup: { ...data.backup, alg: 'ROT13' } })).toEqual({ code: 'sealed-newer' });
    expect(errorOf({ ...data, backup: { ...data.backup, data: 'not base64!' } })).toEqual({
      code: 'sealed-damaged',
    });
    // A hostile file asking for a hundred million rounds would freeze the page: refused unread.
    const slow = { ...data.keyCheck, iter: MAX_BACKUP_ITERATIONS + 1 };
    expect(errorOf({ ...data, keyCheck: slow, backup: { ...data.backup, iter: slow.iter } })).toEqual({
      code: 'sealed-damaged',
    });
    // A lowered count is a weaker file than Aftercare writes.
    expect(errorOf({ ...data, keyCheck: { ...data.keyCheck, iter: 1000 } })).toEqual({
      code: 'sealed-newer',
    });
    expect(errorOf({ ...data, keyCheck: { ...data.keyCheck, iter: 700_000 } })).toEqual({
      code: 'sealed-damaged',
    });
  });
});

describe('an encrypted backup with a UTF-8 and emoji passphrase', () => {
  const passphrase = 'Kätzchen 🐈‍⬛ über die Straße 👩‍👩‍👧 大丈夫';
  let file: string;
  const backup = JSON.stringify({
    format: 'aftercare-journal',
    version: 1,
    entries: sampleEntries(),
    drafts: [],
  });

  beforeAll(async () => {
    file = await sealBackup(backup, passphrase);
  });

  it('opens with the same passphrase, also typed with decomposed accents', async () => {
    const opened = await openEncryptedImport(sealedOf(file), passphrase.normalize('NFD'));
    expect(opened).toEqual({ ok: true, value: { entries: sampleEntries(), drafts: [] } });
  });

  it('does not open when one emoji differs', async () => {
    expect(await openError(file, passphrase.replace('🐈‍⬛', '🐈'))).toEqual({ code: 'wrong-passphrase' });
  });

  it('what is inside is checked like any backup: a sealed file that is not a backup is refused', async () => {
    const notBackup = await sealBackup('{"hello":"world"}', passphrase);
    expect(await openError(notBackup, passphrase)).toEqual({ code: 'not-a-backup' });
    const nested = await sealBackup(file, passphrase);
    expect(await openError(nested, passphrase)).toEqual({ code: 'not-a-backup' });
  });
});
