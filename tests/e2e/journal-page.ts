import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { WAIT_MS, type ExtensionHarness } from './harness';

export interface StoredEntry {
  id: string;
  createdAt: number;
  updatedAt: number;
  kind: string;
  text: string;
  [field: string]: unknown;
}

/**
 * Writes `count` generated entries straight into the journal's IndexedDB from an extension page,
 * in one transaction. The page must already have opened the database (so it has its schema).
 * The generator is the same function in Node and in the page, so tests can predict results.
 */
export function generateEntry(i: number, now: number) {
  const topics = ['sleep', 'work', 'friends', 'a call'];
  return {
    id: `gen-${i}`,
    createdAt: now - i * 53 * 60_000,
    updatedAt: now - i * 53 * 60_000,
    kind: i % 3 === 0 ? 'reflection' : 'check-in',
    text: `Entry number ${i} about ${topics[i % 4]}`,
    mood: { value: (i % 5) + 1, word: `mood ${(i % 5) + 1}` },
    tags: [`tag-${i % 7}`],
    ...(i % 3 === 0 ? { sessionId: `session-${i}`, siteId: 'practice' } : {}),
  };
}

export async function insertGeneratedEntries(page: Page, count: number, now: number): Promise<void> {
  // The same generator runs in the page, handed over as source text.
  await page.evaluate(`globalThis.generateEntry = ${generateEntry.toString()}`);
  await page.evaluate(
    (count, now) =>
      new Promise<void>((done, fail) => {
        const generate = (globalThis as unknown as { generateEntry: typeof generateEntry }).generateEntry;
        const open = indexedDB.open('aftercare');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('journal-entries', 'readwrite', { durability: 'strict' });
          const store = tx.objectStore('journal-entries');
          for (let i = 0; i < count; i++) store.put(generate(i, now));
          tx.oncomplete = () => {
            db.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    count,
    now,
  );
}

/** Every record of the journal database (entries and drafts), read from an extension page. */
export interface JournalDbContents {
  exists: boolean;
  entries: StoredEntry[];
  drafts: unknown[];
}

export const readJournalDb = (harness: ExtensionHarness): Promise<JournalDbContents> =>
  harness.readJournalDb() as Promise<JournalDbContents>;

interface StorageAreaLike {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}
export interface ChromeLike {
  chrome: { storage: { local: StorageAreaLike; session: StorageAreaLike } };
}

/** Everything in the extension's storage areas, read from an extension page. */
export async function readExtensionStorage(harness: ExtensionHarness) {
  const page = await harness.openExtensionPage('popup.html');
  try {
    return await page.evaluate(async () => ({
      local: await (globalThis as unknown as ChromeLike).chrome.storage.local.get(null),
      session: await (globalThis as unknown as ChromeLike).chrome.storage.session.get(null),
    }));
  } finally {
    await page.close();
  }
}

/** Sends this browser's downloads to a fresh temporary folder and returns it. */
export async function captureDownloads(harness: ExtensionHarness): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'aftercare-downloads-'));
  const session = await harness.browser.target().createCDPSession();
  await session.send('Browser.setDownloadBehavior', {
    behavior: 'allow',
    downloadPath: dir,
    eventsEnabled: true,
  });
  return dir;
}

/** Waits until a finished file (not a .crdownload) appears in `dir`. */
export async function waitForDownload(dir: string, timeout = WAIT_MS): Promise<string> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const files = (await readdir(dir)).filter((name) => !name.endsWith('.crdownload'));
    if (files.length > 0) {
      const path = join(dir, files[0]!);
      if ((await stat(path)).size > 0) return path;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no download arrived in ${dir} within ${timeout} ms`);
}

/** The journal page, as the user sees it. */
export class JournalScreen {
  constructor(readonly page: Page) {}

  static async open(harness: ExtensionHarness): Promise<JournalScreen> {
    const page = await harness.openExtensionPage('journal.html');
    const screen = new JournalScreen(page);
    await screen.waitUntilLoaded();
    return screen;
  }

  /** Every entry read: search, filters, trends and counts are there. */
  async waitUntilLoaded(): Promise<void> {
    await this.page.waitForSelector('main[data-loaded="all"] :is(.journal-entry, .empty-state)', {
      timeout: WAIT_MS,
    });
  }

  entryTexts(): Promise<string[]> {
    return this.page.$$eval('.journal-entry .entry-text', (nodes) => nodes.map((n) => n.textContent ?? ''));
  }

  entryIds(): Promise<string[]> {
    return this.page.$$eval('.journal-entry', (nodes) =>
      nodes.map((n) => n.getAttribute('data-entry-id') ?? ''),
    );
  }

  /** Waits until the list shows exactly these entry ids. */
  async waitForEntryIds(ids: string[]): Promise<void> {
    await this.page.waitForFunction(
      (expected: string[]) =>
        JSON.stringify(
          [...document.querySelectorAll('.journal-entry')].map((n) => n.getAttribute('data-entry-id')),
        ) === JSON.stringify(expected),
      { timeout: WAIT_MS },
      ids,
    );
  }

  async waitForText(selector: string, text: string): Promise<void> {
    await this.page.waitForFunction(
      (selector: string, text: string) =>
        document.querySelector(selector)?.textContent?.includes(text) ?? false,
      { timeout: WAIT_MS },
      selector,
      text,
    );
  }

  async search(query: string): Promise<void> {
    await this.page.click('#journal-search', { count: 3 });
    await this.page.keyboard.press('Backspace');
    await this.page.type('#journal-search', query);
  }
}
