import { readFile } from 'node:fs/promises';
import type { Page } from 'puppeteer';
import { CHECK_IN_PAGE, WAIT_MS, type ExtensionHarness } from './harness';

/** Waits for the extension page at exactly this path and query (a just-closed one never matches). */
export async function waitForExactPage(harness: ExtensionHarness, path: string): Promise<Page> {
  const url = harness.extensionUrl(path);
  const target = await harness.browser.waitForTarget((t) => t.url() === url, { timeout: WAIT_MS });
  const page = await target.asPage();
  await page.waitForFunction(() => document.readyState === 'complete', { timeout: WAIT_MS });
  return page;
}

/**
 * Opens the check-in window the way a user does without a session: the toolbar's button. The
 * worker opens the page for the browser's language: `reflection-de.html` in German.
 */
export async function openManualCheckIn(harness: ExtensionHarness, path = CHECK_IN_PAGE): Promise<Page> {
  const popup = await harness.openExtensionPage('popup.html');
  await popup.waitForSelector('button.primary', { timeout: WAIT_MS });
  const opened = waitForExactPage(harness, path);
  await popup.click('button.primary');
  const page = await opened;
  await page.waitForSelector('#reflection-text', { timeout: WAIT_MS });
  return page;
}

/** Resolves when the page (its window) has closed. */
export function closed(page: Page): Promise<void> {
  return new Promise((resolve, reject) => {
    if (page.isClosed()) return resolve();
    const timer = setTimeout(() => reject(new Error('the window did not close')), WAIT_MS);
    page.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The draft's text as stored in IndexedDB right now, read from the given extension page. */
export function draftText(page: Page, draftId = 'manual'): Promise<string | null> {
  return page.evaluate(
    (id) =>
      new Promise<string | null>((done, fail) => {
        const open = indexedDB.open('aftercare');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('drafts').objectStore('drafts').get(id);
          request.onsuccess = () => {
            done((request.result as { fields: { text: string } } | undefined)?.fields.text ?? null);
            db.close();
          };
          request.onerror = () => fail(request.error);
        };
      }),
    draftId,
  );
}

/** Waits until the autosave has put exactly this text on disk (`null`: until there is no draft). */
export async function waitForDraft(page: Page, text: string | null, draftId = 'manual'): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while ((await draftText(page, draftId)) !== text) {
    if (Date.now() > deadline) throw new Error(`the draft never held ${JSON.stringify(text)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Presses Tab until the element matching `selector` has focus (at most `max` presses). */
export async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

export const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/**
 * The id of the focused element once focus has had a moment to reach `id` (pages move focus
 * after their data arrives). Returns whatever holds focus if it never gets there, so
 * `expect(await focusSettles(page, 'x')).toBe('x')` fails with the real culprit in the message.
 */
export async function focusSettles(page: Page, id: string): Promise<string> {
  await page
    .waitForFunction((want) => document.activeElement?.id === want, { timeout: WAIT_MS }, id)
    .catch(() => undefined);
  return focusedId(page);
}

let axeSource: string | undefined;

/**
 * Runs axe-core in the page. The extension CSP forbids inline scripts, so axe's source is
 * evaluated through DevTools (Runtime.evaluate), which the CSP does not govern.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile('node_modules/axe-core/axe.min.js', 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } })
      .axe;
    type AxeResult = { violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
  });
}

/** True when the page needs no sideways scrolling at the current width. */
export const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

/** Opens every closed disclosure, so checks and screenshots see all of the page. */
export const openAllDetails = (page: Page) =>
  page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
