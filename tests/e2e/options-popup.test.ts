import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IN_PAGE, ExtensionHarness, WAIT_MS } from './harness';
import { axeViolations, fitsWidth, focusSettles, waitForExactPage } from './reflection-helpers';

/** Store screenshots: the size both stores take (Chrome Web Store 1280x800). */
const STORE_DIR = resolve('artifacts/store');

async function storeShot(page: Page, name: string): Promise<void> {
  await mkdir(STORE_DIR, { recursive: true });
  await page.setViewport({ width: 1280, height: 800 });
  await page.screenshot({ path: join(STORE_DIR, `${name}.png`) as `${string}.png` });
}

const settingsFile = (settings: object, reachOut: object = {}) =>
  JSON.stringify({
    format: 'aftercare-settings',
    version: 1,
    exportedAt: '2025-05-01T10:00:00.000Z',
    settings,
    reachOut,
  });

describe('the options page and the toolbar popup', () => {
  let harness: ExtensionHarness;
  let files: string;

  beforeAll(async () => {
    harness = await ExtensionHarness.launch();
    files = await mkdtemp(join(tmpdir(), 'aftercare-settings-files-'));
  });
  afterAll(async () => {
    await harness?.close();
    if (files) await rm(files, { recursive: true, force: true });
  });

  async function importFile(page: Page, name: string, text: string): Promise<string> {
    const path = join(files, name);
    await writeFile(path, text);
    const input = (await page.$('#settings-import')) as ElementHandle<HTMLInputElement>;
    const before = await page.$eval('.settings-transfer .status', (p) => p.textContent ?? '');
    await input.uploadFile(path);
    await page.waitForFunction(
      (old) => {
        const now = document.querySelector('.settings-transfer .status')?.textContent ?? '';
        return now !== '' && now !== old;
      },
      { timeout: WAIT_MS },
      before,
    );
    return page.$eval('.settings-transfer .status', (p) => p.textContent ?? '');
  }

  it('has every setting in one place, in groups, each with a plain explanation', async () => {
    const page = await harness.openExtensionPage('options.html');
    await page.waitForSelector('.site-row', { timeout: WAIT_MS });
    expect(await page.$$eval('.options-group-heading', (hs) => hs.map((h) => h.textContent))).toEqual([
      'Sites and how to be asked',
      'The check-in',
      'People and helplines',
      'Your journal and storage',
      'Privacy',
    ]);
    for (const part of [
      '#site-list',
      '#detection-rules',
      '.question-settings',
      '.contacts-settings',
      '.storage-status',
      '.settings-transfer',
    ])
      expect(await page.$(part), part).not.toBeNull();
    expect(await page.$eval('#open-welcome', (a) => a.getAttribute('href'))).toBe('/welcome.html');
    expect(await axeViolations(page)).toEqual([]);
    await harness.screenshot(page, 'options');
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await harness.screenshot(page, 'options-dark');
    await page.emulateMediaFeatures([]);
    await page.setViewport({ width: 360, height: 740 });
    expect(await fitsWidth(page)).toBe(true);
    await harness.screenshot(page, 'options-360');
    await storeShot(page, 'options');
    await page.close();
  });

  it('a malformed settings file gets a kind error and changes nothing; a good one brings everything back', async () => {
    const page = await harness.openExtensionPage('options.html');
    await page.waitForSelector('#settings-import', { timeout: WAIT_MS });
    const stored = () =>
      page.evaluate(async () => ({
        ...(await chrome.storage.local.get('settings')),
        ...(await chrome.storage.local.get('reach-out')),
      }));
    const before = await stored();

    expect(await importFile(page, 'broken.json', '{ "format": "aftercare-settings", ')).toBe(
      "This file couldn't be read as a settings file. Nothing was changed.",
    );
    expect(await importFile(page, 'odd.json', settingsFile({ detection: { askMode: 'siren' } }))).toBe(
      "Some settings in this file couldn't be read (detection.askMode). Nothing was changed.",
    );
    expect(await page.$eval('.settings-transfer [role="alert"]', (p) => p.textContent)).toContain(
      'Nothing was changed',
    );
    expect(await stored()).toEqual(before);

    const robin = {
      id: 'robin',
      name: 'Robin',
      channel: 'email',
      address: 'robin@example.org',
      message: 'Are you free for a call?',
      timeZone: 'Europe/Berlin',
      reachableFrom: '09:00',
      reachableUntil: '22:00',
    };
    expect(
      await importFile(
        page,
        'good.json',
        settingsFile(
          { detection: { askMode: 'badge', enabledSites: ['practice'] } },
          { contacts: [robin], primaryId: 'robin', helplineCountries: [], userHelplines: [] },
        ),
      ),
    ).toContain('Your settings are back.');
    // Every part of the page shows what came in, without a reload.
    await page.waitForSelector('.contact-row[data-contact-id="robin"]', { timeout: WAIT_MS });
    expect(
      await page.$eval('input[name="ask-mode"][value="badge"]', (r) => (r as HTMLInputElement).checked),
    ).toBe(true);
    await page.close();
  });

  it('the popup puts a waiting check-in first and focused, so Enter takes it', async () => {
    await harness.updateDetectionSettings({ askMode: 'window' });
    const plain = await harness.openExtensionPage('popup.html');
    await plain.waitForSelector('#popup-first', { timeout: WAIT_MS });
    expect(await plain.$eval('#popup-first', (b) => b.textContent)).toBe('Check in with myself');
    expect(await focusSettles(plain, 'popup-first')).toBe('popup-first');
    // A check-in missed earlier (the browser closed mid-call), as the background keeps it.
    const endedAt = Date.now() - 10 * 60_000;
    await plain.evaluate(async (at) => {
      await chrome.storage.local.set({
        'check-ins': {
          missed1: {
            session: {
              id: 'missed1',
              siteId: 'practice',
              reason: 'browser-restarted',
              dropped: false,
              startedAt: at - 30 * 60_000,
              endedAt: at,
            },
            status: 'missed',
          },
        },
      });
    }, endedAt);
    await plain.close();

    const popup = await harness.openExtensionPage('popup.html');
    await popup.waitForSelector('#popup-first[data-kind="take-check-in"]', { timeout: WAIT_MS });
    expect(await popup.$eval('#popup-first', (b) => b.textContent)).toBe(
      'Take your check-in after Practice call',
    );
    expect(await focusSettles(popup, 'popup-first')).toBe('popup-first');
    expect(await axeViolations(popup)).toEqual([]);
    await popup.setViewport({ width: 320, height: 600 });
    await harness.screenshot(popup, 'popup-waiting');
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await harness.screenshot(popup, 'popup-waiting-dark');
    const opened = waitForExactPage(harness, `${CHECK_IN_PAGE}?session=missed1`);
    await popup.keyboard.press('Enter');
    const checkIn = await opened;
    await checkIn.waitForSelector('main h1', { timeout: WAIT_MS });
    await checkIn.close();
  });

  it('takes the store screenshots at 1280 x 800', async () => {
    const welcome = await harness.openExtensionPage('welcome.html#about');
    await welcome.waitForSelector('.welcome-step', { timeout: WAIT_MS });
    await storeShot(welcome, 'welcome');
    await welcome.close();
    const checkIn = await harness.openExtensionPage('reflection.html');
    await checkIn.waitForSelector('#reflection-text', { timeout: WAIT_MS });
    await storeShot(checkIn, 'check-in');
    await checkIn.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await storeShot(checkIn, 'check-in-dark');
    await checkIn.close();
    const journal = await harness.openExtensionPage('journal.html');
    await journal.waitForSelector('main h1', { timeout: WAIT_MS });
    await storeShot(journal, 'journal');
    await journal.close();
  });
});

describe('the toolbar popup and the journal one click away', () => {
  let harness: ExtensionHarness;

  beforeAll(async () => {
    harness = await ExtensionHarness.launch();
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** Opens the popup, recording every IndexedDB open it makes: [name, how many arguments]. */
  async function openPopupRecordingOpens(): Promise<Page> {
    const page = await harness.browser.newPage();
    await page.evaluateOnNewDocument(() => {
      const opens: Array<[string, number]> = [];
      (globalThis as unknown as { idbOpens: typeof opens }).idbOpens = opens;
      const open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
        opens.push([args[0], args.length]);
        return open.apply(this, args);
      };
    });
    await page.goto(harness.extensionUrl('popup.html'), { waitUntil: 'load' });
    await page.waitForFunction(() => (globalThis as unknown as { idbOpens: unknown[] }).idbOpens.length > 0, {
      timeout: WAIT_MS,
    });
    return page;
  }

  it('opens the journal ahead of a click without ever creating one, and lets "delete everything" through', async () => {
    expect((await harness.readJournalDb()).exists).toBe(false);
    // Before anyone has written: the popup asks for the journal by name alone, and leaves no
    // database behind.
    let popup = await openPopupRecordingOpens();
    expect(await popup.evaluate(() => (globalThis as unknown as { idbOpens: unknown[] }).idbOpens)).toEqual([
      ['aftercare', 1],
    ]);
    await new Promise((settle) => setTimeout(settle, 300));
    expect((await harness.readJournalDb()).exists).toBe(false);
    await popup.close();

    // With a journal: the popup holds it open, and deleting it from another page is not held up.
    const journal = await harness.openExtensionPage('journal.html');
    await journal.waitForSelector('main[data-loaded="all"]', { timeout: WAIT_MS });
    await journal.close();
    expect((await harness.readJournalDb()).exists).toBe(true);
    popup = await openPopupRecordingOpens();
    await new Promise((settle) => setTimeout(settle, 300));
    const reader = await harness.openExtensionPage('reach-out.html');
    const deletion = await reader.evaluate(
      () =>
        new Promise<string>((done) => {
          const request = indexedDB.deleteDatabase('aftercare');
          request.onblocked = () => done('blocked');
          request.onsuccess = () => done('deleted');
          request.onerror = () => done('failed');
        }),
    );
    expect(deletion).toBe('deleted');
    await Promise.all([reader.close(), popup.close()]);
    expect((await harness.readJournalDb()).exists).toBe(false);
  });
});
