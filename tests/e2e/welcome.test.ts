import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { CHECK_IN_PAGE, ExtensionHarness, PracticeCallPage, WAIT_MS } from './harness';
import {
  axeViolations,
  closed,
  fitsWidth,
  focusSettles,
  focusedId,
  tabTo,
  waitForExactPage,
} from './reflection-helpers';

/** Presses Enter on the focused element and waits for the guide to show `step`. */
async function enterTo(page: Page, step: string): Promise<void> {
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.welcome-step[data-step="${step}"]`, { timeout: WAIT_MS });
  // The new step starts at its heading, for the keyboard and for screen readers.
  expect(await focusSettles(page, 'welcome-step-heading')).toBe('welcome-step-heading');
}

const practiceAccess = (page: Page) =>
  page.$eval('.site-row[data-site-id="practice"]', (row) => row.getAttribute('data-access'));

describe('a fresh install', () => {
  let harness: ExtensionHarness | undefined;
  /** A new profile for every attempt: a retried "fresh install" has to start from a fresh install. */
  async function freshInstall(): Promise<ExtensionHarness> {
    await harness?.close();
    harness = await ExtensionHarness.launch({ keepWelcome: true });
    return harness;
  }
  afterAll(async () => {
    await harness?.close();
  });

  it('opens the welcome page by itself, and it can be walked with the keyboard alone to a working site, a contact and a saved practice check-in', async () => {
    const harness = await freshInstall();
    // Opened by the install itself (runtime.onInstalled), not by the test.
    const page = await waitForExactPage(harness, 'welcome.html');
    await page.bringToFront();
    await page.waitForSelector('.welcome-step[data-step="about"]', { timeout: WAIT_MS });
    expect(await page.$eval('main', (main) => main.textContent)).toContain('Nothing leaves your device');
    expect(await axeViolations(page)).toEqual([]);
    await harness.screenshot(page, 'welcome-about');

    await tabTo(page, '#welcome-next');
    await enterTo(page, 'sites');
    // Pick the sites: the practice site is on and allowed; Space turns it off and on again.
    const toggle = '.site-row[data-site-id="practice"] .site-toggle';
    await page.waitForSelector(`.site-row[data-site-id="practice"][data-access="allowed"]`, {
      timeout: WAIT_MS,
    });
    await tabTo(page, toggle, 40);
    await page.keyboard.press('Space');
    await page.waitForFunction(
      () =>
        document.querySelector('.site-row[data-site-id="practice"]')?.getAttribute('data-access') ===
        'turned-off',
      { timeout: WAIT_MS },
    );
    await page.keyboard.press('Space');
    await page.waitForFunction(
      () =>
        document.querySelector('.site-row[data-site-id="practice"]')?.getAttribute('data-access') ===
        'allowed',
      { timeout: WAIT_MS },
    );
    expect(await practiceAccess(page)).toBe('allowed');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, '#welcome-next', 80);
    await enterTo(page, 'asking');

    // How to be asked: the choice is there (a window by default); this walk skips the step.
    await tabTo(page, 'input[name="ask-mode"]');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('window');
    await tabTo(page, '#welcome-skip');
    await enterTo(page, 'contact');

    // Someone you trust, typed in by keyboard; Shift+Tab goes back a field.
    await tabTo(page, '#contact-name');
    await page.keyboard.type('Sam');
    await tabTo(page, '#contact-address');
    await page.keyboard.press('Tab', { delay: 0 });
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    expect(await focusedId(page)).toBe('contact-address');
    await page.keyboard.type('+49 151 2345678');
    expect(await axeViolations(page)).toEqual([]);
    await harness.screenshot(page, 'welcome-contact');
    await tabTo(page, '#contact-save');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#welcome-contacts', { timeout: WAIT_MS });
    expect(await focusSettles(page, 'welcome-contacts')).toBe('welcome-contacts');
    expect(await page.$eval('#welcome-contacts', (p) => p.textContent)).toContain('Sam');
    const stored = await page.evaluate(
      async () => (await chrome.storage.local.get('reach-out'))['reach-out'],
    );
    expect(stored).toMatchObject({ contacts: [{ name: 'Sam', channel: 'sms', address: '+49 151 2345678' }] });

    await tabTo(page, '#welcome-next');
    await enterTo(page, 'lock');
    // The optional passphrase: offered with its plain warning, and skipped here.
    expect(await axeViolations(page)).toEqual([]);
    await harness.screenshot(page, 'welcome-lock');
    await tabTo(page, '#welcome-skip');
    await enterTo(page, 'practice');
    expect(await axeViolations(page)).toEqual([]);

    // The practice check-in opens in its own window and is saved to the journal, by keyboard.
    await tabTo(page, '#welcome-practice');
    const opened = waitForExactPage(harness, CHECK_IN_PAGE);
    await page.keyboard.press('Enter');
    const checkIn = await opened;
    await checkIn.waitForSelector('#reflection-text', { timeout: WAIT_MS });
    await tabTo(checkIn, '#reflection-text');
    await checkIn.keyboard.type('Trying this out. It feels calm.');
    await tabTo(checkIn, 'button[type="submit"]');
    await checkIn.keyboard.press('Enter');
    await checkIn.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Saved'), {
      timeout: WAIT_MS,
    });
    const entries = await harness.journalEntriesInDb();
    expect(entries.map((entry) => entry.text)).toEqual(['Trying this out. It feels calm.']);
    await checkIn.close();
    await closed(checkIn);
    expect(await page.$eval('.welcome-step .status', (p) => p.textContent)).toBe(
      'The check-in opened in its own window.',
    );
    await harness.screenshot(page, 'welcome-practice');

    // The working site: a practice call on the site picked above ends with a check-in window.
    await harness.updateDetectionSettings({ graceSeconds: 1 });
    const call = await PracticeCallPage.openLobby(harness);
    await call.join();
    const sessionWindow = harness.browser.waitForTarget(
      (target) => /\/reflection-en\.html\?session=[\w-]+$/.test(target.url()),
      { timeout: WAIT_MS },
    );
    await call.close();
    expect((await sessionWindow).url()).toContain(harness.extensionUrl(`${CHECK_IN_PAGE}?session=`));
  });

  it('each step has its own address, reads well in dark mode and on a 360 px wide screen', async () => {
    const harness = await freshInstall();
    const page = await harness.openExtensionPage('welcome.html#contact');
    // Someone added earlier (this test does not lean on the walk above having passed).
    await page.evaluate(() =>
      chrome.storage.local.set({
        'reach-out': {
          version: 1,
          contacts: [
            {
              id: 'sam',
              name: 'Sam',
              channel: 'sms',
              address: '+49 151 2345678',
              message: 'Hey, rough call. Could you check in on me?',
              timeZone: 'Europe/Berlin',
              reachableFrom: '09:00',
              reachableUntil: '22:00',
            },
          ],
          primaryId: 'sam',
          helplineCountries: [],
          userHelplines: [],
        },
      }),
    );
    await page.waitForSelector('#welcome-contacts', { timeout: WAIT_MS });
    // Back here later, the people already added come first, and the form waits behind a button.
    expect(await page.$('#contact-name')).toBeNull();
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.goto(harness.extensionUrl('welcome.html#about'), { waitUntil: 'load' });
    await page.waitForSelector('.welcome-step[data-step="about"]', { timeout: WAIT_MS });
    expect(await axeViolations(page)).toEqual([]);
    await harness.screenshot(page, 'welcome-about-dark');
    await page.emulateMediaFeatures([]);
    await page.setViewport({ width: 360, height: 740 });
    await page.goto(harness.extensionUrl('welcome.html#sites'), { waitUntil: 'load' });
    await page.waitForSelector('.site-row', { timeout: WAIT_MS });
    expect(await fitsWidth(page)).toBe(true);
    await harness.screenshot(page, 'welcome-sites-360');
    await page.close();
  });
});
