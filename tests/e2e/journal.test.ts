import { readFile, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPracticeServer } from '../../scripts/practice-server.mjs';
import { ExtensionHarness, WAIT_MS, type PracticeServer } from './harness';
import {
  JournalScreen,
  captureDownloads,
  generateEntry,
  insertGeneratedEntries,
  readExtensionStorage,
  readJournalDb,
  waitForDownload,
  type ChromeLike,
  type StoredEntry,
} from './journal-page';

const COUNT = 10_000;
const NOW = Date.now();
const byId = (a: StoredEntry, b: StoredEntry) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const expectedIds = (keep: (i: number) => boolean, limit = 50) =>
  Array.from({ length: COUNT }, (_, i) => i)
    .filter(keep)
    .slice(0, limit)
    .map((i) => `gen-${i}`);

// One journey through a long-kept journal: each step builds on the one before.
describe('a journal of ten thousand entries', () => {
  let site: PracticeServer;
  let first: ExtensionHarness;
  let fresh: ExtensionHarness | undefined;
  let downloads: string | undefined;

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

  it('greets a new user quietly, then opens, searches and filters ten thousand entries', async () => {
    const journal = await JournalScreen.open(first);
    expect(await journal.page.$eval('.empty-state', (n) => n.textContent)).toContain('Nothing here yet');
    await first.screenshot(journal.page, 'journal-empty');

    await insertGeneratedEntries(journal.page, COUNT, NOW);
    const openStarted = Date.now();
    await journal.page.reload({ waitUntil: 'load' });
    // The newest fifty come first, before everything else is read.
    await journal.waitForEntryIds(expectedIds(() => true));
    const firstPageMs = Date.now() - openStarted;
    await journal.waitUntilLoaded();
    const openMs = Date.now() - openStarted;
    expect(await journal.page.$eval('.journal-count', (n) => n.textContent)).toMatch(/10,?000 entries/);

    // From the keyboard.
    await journal.page.focus('#show-more');
    await journal.page.keyboard.press('Enter');
    await journal.waitForEntryIds(expectedIds(() => true, 100));

    const searchStarted = Date.now();
    await journal.search('number 9999');
    await journal.waitForEntryIds(['gen-9999']);
    const searchMs = Date.now() - searchStarted;

    await journal.search('friends');
    // Mood, tag, site and dates are folded away until asked for.
    expect(await journal.page.$eval('#filter-mood', (field) => field.checkVisibility())).toBe(false);
    await journal.page.click('#filter-more');
    await journal.page.select('#filter-mood', '3');
    await journal.page.select('#filter-tag', 'tag-2');
    // friends: i % 4 == 2; mood 3: i % 5 == 2; tag-2: i % 7 == 2.
    const keep = (i: number) => i % 4 === 2 && i % 5 === 2 && i % 7 === 2;
    await journal.waitForEntryIds(expectedIds(keep));
    const total = Array.from({ length: COUNT }, (_, i) => i).filter(keep).length;
    await journal.waitForText('.result-count', `${total} of 10,000`);
    await first.screenshot(journal.page, 'journal-filtered');
    await journal.page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await journal.page.setViewport({ width: 360, height: 800 });
    await first.screenshot(journal.page, 'journal-filtered-dark-360');

    await journal.page.click('#filter-clear');
    await journal.page.select('#filter-site', 'practice');
    await journal.waitForEntryIds(expectedIds((i) => i % 3 === 0));

    console.log(
      `[measure] journal with ${COUNT} entries: first 50 shown ${firstPageMs} ms, everything ${openMs} ms; search "number 9999": ${searchMs} ms`,
    );
    await journal.page.close();
  });

  it('draws the entries in view first, and reads everything else once they are on screen', async () => {
    const page = await first.browser.newPage();
    // When the page reads every entry (one getAll over the whole store).
    await page.evaluateOnNewDocument(() => {
      const getAll = IDBObjectStore.prototype.getAll;
      IDBObjectStore.prototype.getAll = function (...args: Parameters<typeof getAll>) {
        if (this.name === 'journal-entries' && args.length === 0)
          (globalThis as { readAllAt?: number }).readAllAt ??= performance.now();
        return getAll.apply(this, args);
      };
    });
    await page.goto(first.extensionUrl('journal.html'));
    const journal = new JournalScreen(page);
    await journal.waitUntilLoaded();
    const order = await page.evaluate(() => ({
      painted: performance.getEntriesByName('first-contentful-paint')[0]!.startTime,
      readAll: (globalThis as { readAllAt?: number }).readAllAt ?? -1,
    }));
    // The ten thousand are read only after the first fifty are painted.
    expect(order.readAll).toBeGreaterThanOrEqual(order.painted);

    // Entries below the window are laid out and drawn only as they come near it.
    const drawn = (n: number, expected: boolean) =>
      journal.page.waitForFunction(
        (n: number, expected: boolean) =>
          (
            document.querySelector(`.journal-entry:nth-child(${n}) .entry-text`) as HTMLElement & {
              checkVisibility(o: object): boolean;
            }
          ).checkVisibility({ contentVisibilityAuto: true }) === expected,
        { timeout: WAIT_MS },
        n,
        expected,
      );
    await drawn(1, true);
    await drawn(50, false);
    // A printed journal holds every entry.
    await journal.page.emulateMediaType('print');
    await drawn(50, true);
    await journal.page.emulateMediaType('screen');
    await drawn(50, false);
    await journal.page.$eval('.journal-entry:nth-child(50)', (entry) => entry.scrollIntoView());
    await drawn(50, true);
    await journal.page.close();
  });

  it('keeps the entries in place while the rest of the journal arrives, and shows trends on request', async () => {
    const page = await first.browser.newPage();
    // Every shift of what is on screen, from the page's first frame (the layout-shift entries the
    // browser reports, as Cumulative Layout Shift counts them: none a click or key caused).
    await page.evaluateOnNewDocument(() => {
      const shifts: { value: number; nodes: string[] }[] = [];
      (globalThis as { shifts?: typeof shifts }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
          sources?: { node?: Node }[];
        })[]) {
          if (entry.hadRecentInput) continue;
          shifts.push({
            value: entry.value,
            nodes: (entry.sources ?? []).map((source) =>
              source.node instanceof Element ? `${source.node.tagName}.${source.node.className}` : '?',
            ),
          });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(first.extensionUrl('journal.html'));
    const journal = new JournalScreen(page);
    await journal.waitUntilLoaded();
    // The import and export panel, the last part to arrive, and two frames after it.
    await page.waitForSelector('.data-panel', { timeout: WAIT_MS });
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const shifts = await page.evaluate(() => (globalThis as { shifts?: unknown }).shifts);
    console.log(`[measure] journal layout shifts while loading: ${JSON.stringify(shifts)}`);
    const total = (shifts as { value: number }[]).reduce((sum, shift) => sum + shift.value, 0);
    expect(total).toBeLessThan(0.01);

    // The trends are one click away, and the charts come with it.
    const expanded = () => page.$eval('#trends-toggle', (button) => button.getAttribute('aria-expanded'));
    expect(await expanded()).toBe('false');
    expect(await page.$('.trend-chart')).toBeNull();
    await page.click('#trends-toggle');
    expect(await expanded()).toBe('true');
    await page.waitForSelector('.trends figure:nth-of-type(4) .trend-chart', { timeout: WAIT_MS });
    expect(await page.$$eval('.trends figure', (figures) => figures.length)).toBe(4);
    const pressed = () =>
      page.$$eval('.range-choice button', (buttons) =>
        buttons.map((button) => button.getAttribute('aria-pressed')),
      );
    expect(await pressed()).toEqual(['false', 'true', 'false']);
    await page.click('.range-choice button:first-child');
    expect(await pressed()).toEqual(['true', 'false', 'false']);
    await page.setViewport({ width: 800, height: 1300 });
    await first.screenshot(page, 'journal-trends', { fullPage: false });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.setViewport({ width: 360, height: 1300 });
    await first.screenshot(page, 'journal-trends-dark-360', { fullPage: false });
    // Closed again from the keyboard.
    await page.focus('#trends-toggle');
    await page.keyboard.press('Enter');
    expect(await expanded()).toBe('false');
    expect(await page.$eval('#trends-body', (body) => body.checkVisibility())).toBe(false);
    await page.close();
  });

  it('edits an entry, and deleting one can be undone', async () => {
    const journal = await JournalScreen.open(first);
    await journal.page.click('[data-entry-id="gen-0"] .edit-entry');
    await journal.page.waitForSelector('#edit-gen-0-text', { timeout: WAIT_MS });
    await journal.page.click('#edit-gen-0-text', { count: 3 });
    await journal.page.keyboard.down('Control');
    await journal.page.keyboard.press('a');
    await journal.page.keyboard.up('Control');
    await journal.page.type('#edit-gen-0-text', 'Rewritten with care');
    await journal.page.click('[data-entry-id="gen-0"] button[type=submit]');
    await journal.waitForText('[data-entry-id="gen-0"] .entry-text', 'Rewritten with care');

    await journal.page.click('[data-entry-id="gen-1"] .delete-entry');
    await journal.page.waitForSelector('#undo-delete', { timeout: WAIT_MS });
    expect(await journal.entryIds()).not.toContain('gen-1');
    expect((await readJournalDb(first)).entries.some((e) => e.id === 'gen-1')).toBe(false);
    await journal.page.click('#undo-delete');
    await journal.page.waitForSelector('[data-entry-id="gen-1"]', { timeout: WAIT_MS });

    const stored = await readJournalDb(first);
    expect(stored.entries).toHaveLength(COUNT);
    expect(stored.entries.find((e) => e.id === 'gen-0')?.text).toBe('Rewritten with care');
    expect(stored.entries.find((e) => e.id === 'gen-1')).toEqual(generateEntry(1, NOW));
    await journal.page.close();
  });

  it('a JSON backup brought into a fresh profile gives the same journal', async () => {
    downloads = await captureDownloads(first);
    const journal = await JournalScreen.open(first);
    expect(await journal.page.$eval('.data-panel .notice', (n) => n.textContent)).toContain(
      'anyone who gets the file can read it',
    );
    const exportStarted = Date.now();
    await journal.page.click('.export-json');
    const file = await waitForDownload(downloads, 30_000);
    const exportMs = Date.now() - exportStarted;
    expect(file).toMatch(/aftercare-journal-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      format: 'aftercare-journal',
      version: 1,
    });

    fresh = await ExtensionHarness.launch({ site });
    const target = await JournalScreen.open(fresh);
    const input = await target.page.waitForSelector('input#import-file', { timeout: WAIT_MS });
    await input!.uploadFile(file);
    await target.waitForText('.import-summary', 'This file holds 10,000 entries: 10,000 new');
    await fresh.screenshot(target.page, 'journal-import-summary');
    const importStarted = Date.now();
    await target.page.click('#import-confirm');
    await target.waitForText('.data-message', 'Done: 10,000 added');
    const importMs = Date.now() - importStarted;
    await target.waitForEntryIds(expectedIds(() => true));

    const original = (await readJournalDb(first)).entries.sort(byId);
    const imported = (await readJournalDb(fresh)).entries.sort(byId);
    expect(imported).toHaveLength(COUNT);
    expect(imported).toEqual(original);
    console.log(`[measure] export ${COUNT} as JSON: ${exportMs} ms; import ${COUNT}: ${importMs} ms`);
    await target.page.close();
  });

  it('delete everything, after a clear confirmation, leaves nothing of mine behind', async () => {
    const harness = fresh!;
    const journal = await JournalScreen.open(harness);
    await journal.page.evaluate(async () => {
      const { chrome } = globalThis as unknown as ChromeLike;
      await chrome.storage.local.set({ contacts: [{ name: 'Sam' }], settings: { version: 1 } });
      await chrome.storage.session.set({ somethingOpen: true });
    });
    expect(Object.keys((await readExtensionStorage(harness)).local)).toContain('contacts');

    await journal.page.click('#erase-start');
    const confirm = await journal.page.waitForSelector('#erase-confirm', { timeout: WAIT_MS });
    expect(await confirm!.evaluate((button) => (button as HTMLButtonElement).disabled)).toBe(true);
    await journal.page.click('#erase-understood');
    await harness.screenshot(journal.page, 'journal-erase-confirm');
    await journal.page.click('#erase-confirm');
    await journal.page.waitForSelector('.erased', { timeout: WAIT_MS });

    expect(await readJournalDb(harness)).toEqual({ exists: false, entries: [], drafts: [] });
    const left = await readExtensionStorage(harness);
    expect(left.local).toEqual({});
    // The one thing that may come back is the worker's "this browser run has started" flag
    // (utils/detection/session-watcher.ts), written on its next tab event: no data of the user's.
    expect([{}, { 'browser-run-seen': true }]).toContainEqual(left.session);
    await journal.page.close();
  });
});
