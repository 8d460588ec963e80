import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtensionHarness, WAIT_MS } from './harness';
import { axeViolations, fitsWidth, openAllDetails, openManualCheckIn } from './reflection-helpers';

type Catalogue = Record<string, { message: string }>;
const en = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Catalogue;
const de = JSON.parse(readFileSync('public/_locales/de/messages.json', 'utf8')) as Catalogue;

/** English strings that German says differently: seeing one on a German page means a missed t(). */
const englishOnly = new Set(
  Object.keys(en)
    .filter((key) => de[key] && de[key].message !== en[key]!.message && !en[key]!.message.includes('$'))
    .map((key) => en[key]!.message.trim()),
);
const keys = new Set(Object.keys(en));

/** What a German reader would see or hear that is not German: raw message keys and English strings. */
function notGerman(page: Page): Promise<string[]> {
  return page
    .evaluate(() => {
      const texts: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? '');
      for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]'))
        for (const name of ['aria-label', 'placeholder', 'title'])
          if (el.hasAttribute(name)) texts.push(el.getAttribute(name)!);
      texts.push(document.title);
      return texts.map((text) => text.trim()).filter(Boolean);
    })
    .then((texts) =>
      texts.filter(
        (text) => englishOnly.has(text) || text.split(/[\s·:,.()]+/).some((word) => keys.has(word)),
      ),
    );
}

/** A German page: marked as German for screen readers, all German, accessible, and 360 px wide. */
async function expectGermanPage(page: Page, heading: string): Promise<void> {
  await page.waitForFunction(
    (text) => [...document.querySelectorAll('h1, h2')].some((h) => h.textContent?.includes(text)),
    { timeout: WAIT_MS },
    heading,
  );
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
  await openAllDetails(page);
  expect(await notGerman(page)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewport({ width: 360, height: 740 });
  expect(await fitsWidth(page)).toBe(true);
}

describe('in German', () => {
  let harness: ExtensionHarness;

  beforeAll(async () => {
    harness = await ExtensionHarness.launch({ extraArgs: ['--lang=de'] });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('every page speaks German, says so to screen readers, and fits a narrow window', async () => {
    // The worker opens the check-in page whose HTML already speaks German.
    const checkIn = await openManualCheckIn(harness, 'reflection-de.html');
    await expectGermanPage(checkIn, de.reflectionTitle!.message);
    await harness.screenshot(checkIn, 'de-check-in-360');
    await checkIn.type('#reflection-text', 'Ein ruhiger Abend nach dem Anruf.');
    await checkIn.click('button[type="submit"]');
    await checkIn.waitForSelector('main[data-saved]', { timeout: WAIT_MS });
    await checkIn.close();

    const pages: Array<[string, string]> = [
      ['popup.html', 'Aftercare'],
      ['journal.html', de.journalTitle!.message],
      ['options.html', de.optionsTitle!.message],
      ['welcome.html#about', de.welcomeAboutTitle!.message],
      ['reach-out.html', de.reachOutHeading!.message],
    ];
    for (const [path, heading] of pages) {
      const page = await harness.openExtensionPage(path);
      await expectGermanPage(page, heading);
      if (path === 'journal.html') {
        await page.waitForFunction(
          () => document.body.textContent?.includes('Ein ruhiger Abend nach dem Anruf.'),
          { timeout: WAIT_MS },
        );
        expect(await page.title()).toBe(`${de.journalTitle!.message} · Aftercare`);
        // Chrome's messages have no plural forms: one entry has a string of its own.
        expect(await page.$eval('.journal-count', (count) => count.textContent)).toBe('1 Eintrag');
        await harness.screenshot(page, 'de-journal-360');
      }
      if (path === 'options.html') await harness.screenshot(page, 'de-options-360');
      await page.close();
    }
  });
});
