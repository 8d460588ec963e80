import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { ExtensionHarness, WAIT_MS, type PracticeServer } from './harness';
import { insertGeneratedEntries, readJournalDb, type JournalDbContents } from './journal-page';
import { startPracticeServer } from '../../scripts/practice-server.mjs';

const PASSPHRASE = 'quiet harbour lights';
const SEEDED = 1_000;

/** Every word any entry or draft holds in this test: none may be in the database in clear. */
const PLAIN_WORDS = ['Tea with Mira', 'Entry number', 'mango', 'unfinished plum', 'practice', 'mood 3'];

function plainWordsIn(db: JournalDbContents): string[] {
  const stored = JSON.stringify(db);
  return PLAIN_WORDS.filter((word) => stored.includes(word));
}

const bodyHas = (page: Page, text: string) =>
  page.waitForFunction(
    (wanted: string) => document.body.innerText.includes(wanted),
    { timeout: WAIT_MS },
    text,
  );
const bodyText = (page: Page) => page.evaluate(() => document.body.innerText);

async function checkIn(harness: ExtensionHarness, text: string, { save = true } = {}): Promise<Page> {
  const page = await harness.openExtensionPage('reflection.html');
  await page.waitForSelector('#reflection-text', { timeout: WAIT_MS });
  await page.type('#reflection-text', text);
  if (save) {
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Saved'), {
      timeout: WAIT_MS,
    });
  }
  return page;
}

async function unlock(page: Page, passphrase: string) {
  await page.$eval('#unlock-passphrase', (input) => ((input as HTMLInputElement).value = ''));
  await page.type('#unlock-passphrase', passphrase);
  await page.click('#unlock-submit');
}

describe('the passphrase lock, end to end', () => {
  let harness: ExtensionHarness;
  let site: PracticeServer;
  beforeAll(async () => {
    site = await startPracticeServer();
    harness = await ExtensionHarness.launch({ site });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('on in options, the journal asks for the passphrase, opens only with the right one, and check-ins still work while locked', async () => {
    // A journal with words in it: one check-in, and a thousand older entries.
    await (await checkIn(harness, 'Tea with Mira, felt safe')).close();
    const seeding = await harness.openExtensionPage('journal.html');
    await seeding.waitForSelector('.journal', { timeout: WAIT_MS });
    await insertGeneratedEntries(seeding, SEEDED, Date.now() - 30 * 24 * 3600_000);
    await seeding.close();

    // Options: "no recovery" is said before anything is turned on.
    const options = await harness.openExtensionPage('options.html');
    await options.waitForSelector('#lock-on-form', { timeout: WAIT_MS });
    expect(await options.$eval('#lock-no-recovery', (p) => p.textContent)).toMatch(/no recovery/);
    expect(await options.$eval('#lock-status', (p) => p.textContent)).toMatch(/lock is off/);
    await options.type('#lock-new', PASSPHRASE);
    await options.type('#lock-new-repeat', PASSPHRASE);
    await options.click('#lock-understood');
    const reencryptStarted = Date.now();
    await options.click('#lock-turn-on');
    await options.waitForFunction(
      () => document.querySelector('#lock-message')?.textContent?.includes('stored encrypted'),
      { timeout: 30_000 },
    );
    const reencryptMs = Date.now() - reencryptStarted;
    expect(await options.$eval('#lock-status', (p) => p.textContent)).toMatch(/open for now/);
    await harness.screenshot(options, 'lock-options-on');

    // At rest: not one word of any entry, from an extension page reading IndexedDB directly.
    let stored = await readJournalDb(harness);
    expect(stored.entries).toHaveLength(SEEDED + 1);
    expect(stored.entries.every((entry) => typeof entry.sealed === 'object')).toBe(true);
    expect(plainWordsIn(stored)).toEqual([]);

    // Lock now (options), then the journal page asks, and shows nothing else.
    await options.click('#lock-now-options');
    await options.waitForFunction(
      () => document.querySelector('#lock-status')?.textContent?.includes('is locked'),
      { timeout: WAIT_MS },
    );
    const journal = await harness.openExtensionPage('journal.html');
    await journal.waitForSelector('#unlock-passphrase', { timeout: WAIT_MS });
    expect(await journal.$('.journal-count')).toBeNull();

    // A wrong passphrase: the kind message, and still nothing of the journal.
    await unlock(journal, 'quiet harbour light');
    await journal.waitForFunction(
      () => document.querySelector('#unlock-message')?.textContent?.includes("doesn't open your journal"),
      { timeout: WAIT_MS },
    );
    expect(await bodyText(journal)).not.toMatch(/Tea with Mira|Entry number/);
    expect(await journal.$('#unlock-passphrase')).not.toBeNull();
    await harness.screenshot(journal, 'lock-journal-wrong-passphrase');

    // Locked, a check-in still works: saved sealed. And a draft left unfinished is kept sealed.
    const locked = await checkIn(harness, 'Written while locked, mango');
    expect(await locked.$('#lock-check-in-note')).not.toBeNull();
    await locked.close();
    const drafting = await checkIn(harness, 'unfinished plum', { save: false });
    const draftDeadline = Date.now() + WAIT_MS;
    while ((await readJournalDb(harness)).drafts.length === 0 && Date.now() < draftDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await drafting.close();
    stored = await readJournalDb(harness);
    expect(stored.entries).toHaveLength(SEEDED + 2);
    expect(stored.drafts).toHaveLength(1);
    expect(plainWordsIn(stored)).toEqual([]);

    // The right passphrase: the journal, with what was written while locked.
    const unlockStarted = Date.now();
    await unlock(journal, PASSPHRASE);
    await bodyHas(journal, 'Written while locked, mango');
    const unlockMs = Date.now() - unlockStarted;
    await bodyHas(journal, 'Tea with Mira, felt safe');
    await harness.screenshot(journal, 'lock-journal-unlocked');

    // The draft written while locked comes back in a new check-in window.
    const restored = await harness.openExtensionPage('reflection.html');
    await restored.waitForSelector('#reflection-text', { timeout: WAIT_MS });
    expect(await restored.$eval('#reflection-text', (t) => (t as HTMLTextAreaElement).value)).toBe(
      'unfinished plum',
    );
    await restored.close();

    // "Lock now" on the journal page takes the journal off the page.
    await journal.click('#lock-now');
    await journal.waitForSelector('#unlock-passphrase', { timeout: WAIT_MS });
    expect(await bodyText(journal)).not.toMatch(/Tea with Mira|mango/);
    await journal.setViewport({ width: 360, height: 700 });
    await journal.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await harness.screenshot(journal, 'lock-journal-locked-dark-360');

    console.log(
      `[lock] re-encrypting ${SEEDED + 1} entries (turning the lock on): ${reencryptMs} ms; unlock to entries shown: ${unlockMs} ms`,
    );
  });

  it('relaunching the browser with the same profile starts locked', async () => {
    const userDataDir = harness.userDataDir;
    // Unlocked before the restart, with no idle limit: only the restart can lock it.
    const journal = await harness.openExtensionPage('journal.html');
    await journal.waitForSelector('#unlock-passphrase', { timeout: WAIT_MS });
    await unlock(journal, PASSPHRASE);
    await bodyHas(journal, 'Tea with Mira, felt safe');
    await harness.close({ keepSite: true, keepProfile: true });

    harness = await ExtensionHarness.launch({ site, userDataDir });
    const again = await harness.openExtensionPage('journal.html');
    await again.waitForSelector('#unlock-passphrase', { timeout: WAIT_MS });
    expect(await bodyText(again)).not.toMatch(/Tea with Mira|mango/);
    await unlock(again, PASSPHRASE);
    await bodyHas(again, 'Tea with Mira, felt safe');
  });
});
