import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPracticeServer } from '../../scripts/practice-server.mjs';
import { ExtensionHarness, SCREENSHOT_DIR, WAIT_MS, type PracticeServer } from './harness';
import {
  JournalScreen,
  captureDownloads,
  insertGeneratedEntries,
  readJournalDb,
  waitForDownload,
  type StoredEntry,
} from './journal-page';

const COUNT = 40;
const NOW = Date.now();
const PASSPHRASE = 'Leuchtturm 🌊 über dem Meer';
const byId = (a: StoredEntry, b: StoredEntry) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

// One journey: an encrypted backup made in one browser is opened in a fresh one.
describe('an encrypted backup of my journal', () => {
  let site: PracticeServer;
  let first: ExtensionHarness;
  let fresh: ExtensionHarness | undefined;
  let downloads: string | undefined;
  let file: string;

  beforeAll(async () => {
    site = await startPracticeServer();
    first = await ExtensionHarness.launch({ site });
  });
  afterAll(async () => {
    await first?.close({ keepSite: true });
    await fresh?.close({ keepSite: true });
    await site.close();
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  it('is offered first, asks for the passphrase twice, and holds none of my words', async () => {
    downloads = await captureDownloads(first);
    const journal = await JournalScreen.open(first);
    await insertGeneratedEntries(journal.page, COUNT, NOW);
    await journal.page.reload({ waitUntil: 'load' });
    await journal.page.waitForSelector('.journal-entry', { timeout: WAIT_MS });
    // The import/export panel arrives in its own chunk once every entry is read.
    await journal.page.waitForSelector('button.export-encrypted', { timeout: WAIT_MS });

    const formats = await journal.page.$$eval('button[class*="export-"]', (nodes) =>
      nodes.map((n) => n.className),
    );
    expect(formats[0]).toBe('export-encrypted primary');
    await journal.page.click('.export-encrypted');
    await journal.page.waitForSelector('#encrypt-passphrase', { timeout: WAIT_MS });
    // Keyboard only: type, Tab to the second field, type, Enter submits.
    await journal.page.focus('#encrypt-passphrase');
    await journal.page.keyboard.type(PASSPHRASE);
    await journal.page.keyboard.press('Tab');
    await journal.page.keyboard.type('something else');
    await journal.page.keyboard.press('Enter');
    await journal.waitForText('.passphrase-form [role=alert]', "aren't the same yet");
    await journal.page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await journal.page.setViewport({ width: 360, height: 800 });
    // The panel alone: the page above it holds the forty entries.
    const panel = await journal.page.$('.data-panel');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await panel!.screenshot({ path: join(SCREENSHOT_DIR, 'encrypted-backup-form-dark-360.png') });
    await journal.page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await journal.page.setViewport({ width: 1000, height: 800 });

    await journal.page.click('#encrypt-repeat', { count: 3 });
    await journal.page.keyboard.down('Control');
    await journal.page.keyboard.press('a');
    await journal.page.keyboard.up('Control');
    await journal.page.keyboard.type(PASSPHRASE);
    await journal.page.keyboard.press('Enter');
    file = await waitForDownload(downloads, 30_000);
    await journal.waitForText('.data-message', `Your file with ${COUNT} entries is saved`);
    expect(file).toMatch(/aftercare-journal-\d{4}-\d{2}-\d{2}\.encrypted\.json$/);

    const text = await readFile(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ aftercare: 'encrypted-backup', v: 1 });
    // Words with a space or a dash, which base64 never holds by chance.
    const words = ['Entry number', 'about friends', 'a call', 'gen-1', 'tag-3', 'mood 2', 'session-'];
    expect(words.filter((word) => text.includes(word))).toEqual([]);
    expect(await journal.page.$('#encrypt-passphrase')).toBeNull();
    await journal.page.close();
  });

  it('in a fresh profile, a wrong passphrase is told kindly and changes nothing; the right one brings everything back', async () => {
    fresh = await ExtensionHarness.launch({ site });
    const target = await JournalScreen.open(fresh);
    const input = await target.page.waitForSelector('input#import-file', { timeout: WAIT_MS });
    await input!.uploadFile(file);
    await target.page.waitForSelector('#import-passphrase', { timeout: WAIT_MS });
    await target.page.type('#import-passphrase', 'Leuchtturm über dem Meer');
    await target.page.click('#import-open');
    await target.waitForText(
      '.data-message[role=alert]',
      "That passphrase doesn't open this backup. Nothing was changed; you can try again.",
    );
    await fresh.screenshot(target.page, 'encrypted-backup-wrong-passphrase');
    const untouched = await readJournalDb(fresh);
    expect(untouched.entries).toEqual([]);
    expect(untouched.drafts).toEqual([]);
    expect(await target.page.$('.import-summary')).toBeNull();

    await target.page.type('#import-passphrase', PASSPHRASE);
    await target.page.keyboard.press('Enter');
    await target.waitForText('.import-summary', `This file holds ${COUNT} entries: ${COUNT} new`);
    await target.page.click('#import-confirm');
    await target.waitForText('.data-message', `Done: ${COUNT} added`);

    const original = (await readJournalDb(first)).entries.sort(byId);
    const imported = (await readJournalDb(fresh)).entries.sort(byId);
    expect(imported).toHaveLength(COUNT);
    expect(imported).toEqual(original);
    await target.page.close();
  });
});
