import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer';
import { startPracticeServer } from '../../scripts/practice-server.mjs';
import {
  CHECK_IN_PAGE,
  ExtensionHarness,
  PracticeCallPage,
  ReflectionWindow,
  WAIT_MS,
  type PracticeServer,
} from './harness';
import { JournalScreen } from './journal-page';
import {
  axeViolations,
  closed,
  draftText,
  fitsWidth,
  focusSettles,
  openAllDetails,
  openManualCheckIn,
  tabTo,
  waitForDraft,
  waitForExactPage,
} from './reflection-helpers';

type StoredEntry = {
  kind: string;
  text: string;
  mood?: { value: number; word: string };
  nuance?: { feelings: string[] };
  answers?: Array<{ question: string; answer: string }>;
};

const textValue = (page: Page) => page.$eval('#reflection-text', (box) => (box as HTMLTextAreaElement).value);
const dark = (page: Page) => page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
const light = (page: Page) => page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);

describe('the check-in window', () => {
  let site: PracticeServer;
  let harness: ExtensionHarness;

  beforeAll(async () => {
    site = await startPracticeServer();
  });
  afterAll(async () => {
    await site.close();
  });
  beforeEach(async () => {
    harness = await ExtensionHarness.launch({ site });
    // A closed tab is a call that ended only once the drop grace period has passed: keep it short.
    await harness.updateDetectionSettings({ graceSeconds: 1 });
  });
  afterEach(async () => {
    await harness.close({ keepSite: true });
  });

  it('after a call: a mood and a few words, saved, are in my journal; light, dark, narrow and zoomed all read well', async () => {
    const call = await PracticeCallPage.openLobby(harness);
    await call.join();
    await call.close();
    const { page } = await ReflectionWindow.waitFor(harness);
    expect(await focusSettles(page, 'reflection-okay')).toBe('reflection-okay');
    // Offered after a session, never pushed: the staying-safe card is there, closed.
    expect(await page.$eval('details.safety-card', (d) => (d as HTMLDetailsElement).open)).toBe(false);

    await page.click('label[data-mood="4"]');
    await page.type('#reflection-text', 'Lighter than I expected.');
    await light(page);
    await harness.screenshot(page, 'reflection-light');
    await openAllDetails(page);
    expect(await axeViolations(page)).toEqual([]);
    await dark(page);
    expect(await axeViolations(page)).toEqual([]);
    await harness.screenshot(page, 'reflection-dark-open');

    await page.setViewport({ width: 360, height: 720 });
    expect(await fitsWidth(page)).toBe(true);
    await harness.screenshot(page, 'reflection-dark-360');
    // The 460 px window at 200% zoom is 230 CSS pixels wide.
    await page.setViewport({ width: 230, height: 720 });
    expect(await fitsWidth(page)).toBe(true);
    await light(page);
    await harness.screenshot(page, 'reflection-light-200-percent');

    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Saved'), {
      timeout: WAIT_MS,
    });
    const stored = (await harness.journalEntriesInDb()) as unknown as StoredEntry[];
    expect(stored).toMatchObject([
      { kind: 'reflection', text: 'Lighter than I expected.', mood: { value: 4, word: 'Okay' } },
    ]);
    const journal = await JournalScreen.open(harness);
    expect(await journal.entryTexts()).toEqual(['Lighter than I expected.']);
    await harness.screenshot(journal.page, 'journal-light');
    // The entry's words are not smaller than the date line above them.
    const [metaSize, textSize] = await journal.page.$eval('.journal-entry', (entry) =>
      ['.entry-meta', '.entry-text'].map((s) =>
        parseFloat(getComputedStyle(entry.querySelector(s)!).fontSize),
      ),
    );
    expect(textSize).toBeGreaterThan(metaSize!);
  });

  it('what I type survives closing the window, with the close button or Escape', async () => {
    let page = await openManualCheckIn(harness);
    await page.type('#reflection-text', 'Not ready to say more');
    await waitForDraft(page, 'Not ready to say more');
    await page.close(); // the window's own close button

    page = await openManualCheckIn(harness);
    expect(await textValue(page)).toBe('Not ready to say more');
    expect(await page.$eval('main', (m) => m.textContent)).toContain('What you wrote before is still here.');

    // Escape straight after typing: the pending words are written before the window goes.
    await page.focus('#reflection-text');
    await page.keyboard.press('End');
    await page.keyboard.type(', maybe tomorrow');
    await Promise.all([closed(page), page.keyboard.press('Escape').catch(() => undefined)]);

    page = await openManualCheckIn(harness);
    expect(await textValue(page)).toBe('Not ready to say more, maybe tomorrow');
  });

  it('a check-in window closed with words unsaved waits in the popup, and taking it brings them back', async () => {
    const call = await PracticeCallPage.openLobby(harness);
    await call.join();
    await call.close();
    let { page } = await ReflectionWindow.waitFor(harness);
    await page.type('#reflection-text', 'Half a thought about tonight');
    const sessionId = new URL(page.url()).searchParams.get('session');
    await waitForDraft(page, 'Half a thought about tonight', `session:${sessionId}`);
    // The background notes which window this is once it is on screen; it may well be asleep by
    // the time the window closes: the closing wakes it.
    await page.waitForFunction(
      async (id) => Object.values(await chrome.storage.session.get(null)).includes(id),
      { timeout: WAIT_MS, polling: 100 },
      sessionId,
    );
    await harness.stopServiceWorker();
    await page.close(); // the window's own close button

    // The background keeps it for later.
    const popup = await harness.openExtensionPage('popup.html');
    await popup.waitForFunction(
      async () =>
        Object.values(
          ((await chrome.storage.local.get('check-ins'))['check-ins'] ?? {}) as Record<
            string,
            { status: string }
          >,
        ).some((checkIn) => checkIn.status === 'waiting'),
      { timeout: WAIT_MS, polling: 100 },
    );
    await popup.reload({ waitUntil: 'load' });
    await popup.waitForSelector('#later-check-ins li', { timeout: WAIT_MS });
    // Said as what it is: words begun and kept, to go on with.
    expect(await popup.$eval('#later-check-ins', (list) => list.textContent)).toContain(
      'Started after Practice call',
    );
    expect(await popup.$eval('#later-check-ins', (list) => list.textContent)).toContain(
      'Your words are kept.',
    );
    expect(await popup.$eval('#later-check-ins li .take', (button) => button.textContent)).toBe(
      'Go on writing',
    );
    expect(await popup.$eval('#popup-first', (button) => button.textContent)).toBe(
      'Go on with your check-in after Practice call',
    );
    await harness.screenshot(popup, 'popup-unfinished-check-in');
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await popup.setViewport({ width: 360, height: 720 });
    expect(await fitsWidth(popup)).toBe(true);
    await harness.screenshot(popup, 'popup-unfinished-check-in-dark-360');

    await popup.click('#later-check-ins li .take');
    ({ page } = await ReflectionWindow.waitFor(harness));
    await page.waitForFunction(
      () => (document.querySelector('#reflection-text') as HTMLTextAreaElement | null)?.value,
      {
        timeout: WAIT_MS,
      },
    );
    expect(await textValue(page)).toBe('Half a thought about tonight');
    expect(await page.$eval('main', (m) => m.textContent)).toContain('What you wrote before is still here.');
  });

  it('a check-in window closed without a word is let be: nothing waits in the popup', async () => {
    const call = await PracticeCallPage.openLobby(harness);
    await call.join();
    await call.close();
    const { page } = await ReflectionWindow.waitFor(harness);
    // Words typed and all taken back are no words: their draft goes with them.
    const draftId = `session:${new URL(page.url()).searchParams.get('session')}`;
    await page.type('#reflection-text', 'Never mind');
    await waitForDraft(page, 'Never mind', draftId);
    await page.$eval('#reflection-text', (box) => (box as HTMLTextAreaElement).select());
    await page.keyboard.press('Backspace');
    await waitForDraft(page, null, draftId);
    const control = await harness.openExtensionPage('popup.html');
    // The window's id is noted once it is open, and forgotten once it closes.
    const windowsNoted = (count: number) =>
      control.waitForFunction(
        async (n) =>
          Object.keys(await chrome.storage.session.get(null)).filter((key) =>
            key.startsWith('check-in-window:'),
          ).length === n,
        { timeout: WAIT_MS, polling: 100 },
        count,
      );
    await windowsNoted(1);
    await page.close();
    await windowsNoted(0);
    await control.reload({ waitUntil: 'load' });
    expect(await control.$('#later-check-ins')).toBeNull();
  });

  it('what I type survives the browser being killed mid-sentence', async () => {
    const userDataDir = harness.userDataDir;
    const page = await openManualCheckIn(harness);
    await page.type('#reflection-text', 'Words before the crash');
    await waitForDraft(page, 'Words before the crash');
    const stillTyping = page.type('#reflection-text', ' and after', { delay: 30 }).catch(() => undefined);
    harness.browser.process()!.kill('SIGKILL');
    await stillTyping;
    await harness.close({ keepSite: true, keepProfile: true });

    harness = await ExtensionHarness.launch({ site, userDataDir });
    const again = await harness.openExtensionPage('reflection.html');
    await again.waitForSelector('#reflection-text', { timeout: WAIT_MS });
    expect(await textValue(again)).toMatch(/^Words before the crash/);
    expect(await draftText(again)).toMatch(/^Words before the crash/);
  });

  it('paints its heading, styled, from its HTML alone: before any script, in light and dark', async () => {
    const page = await harness.browser.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused/i.test(message.text())) refused.push(message.text());
    });
    await page.setJavaScriptEnabled(false);
    await page.goto(harness.extensionUrl(CHECK_IN_PAGE), { waitUntil: 'load' });
    expect(await page.$eval('#check-in-shell h1', (h1) => h1.textContent)).toBe(
      "You're back. Take a breath.",
    );
    // Its one inline stylesheet applies: the page's policy allows it by its hash.
    expect(await page.$eval('main', (main) => getComputedStyle(main).maxWidth)).toBe('640px');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await light(page);
    const inLight = await background();
    await dark(page);
    expect(await background()).not.toBe(inLight);
    await harness.screenshot(page, 'check-in-before-scripts-dark');
    expect(refused).toEqual([]);
    await page.close();

    // With its scripts, the app takes the words over: one heading, and the painted one gone.
    const live = await harness.openExtensionPage(CHECK_IN_PAGE);
    await live.waitForSelector('#reflection-text', { timeout: WAIT_MS });
    expect(await live.$$eval('h1', (headings) => headings.length)).toBe(1);
    expect(await live.$('#check-in-shell')).toBeNull();
    await live.close();
  });

  it('works end to end with the keyboard alone', async () => {
    const popup = await harness.openExtensionPage('popup.html');
    await tabTo(popup, 'button.primary');
    const opened = waitForExactPage(harness, CHECK_IN_PAGE);
    await popup.keyboard.press('Enter');
    const page = await opened;
    await page.waitForSelector('#reflection-text', { timeout: WAIT_MS });
    expect(await focusSettles(page, 'reflection-okay')).toBe('reflection-okay');

    await tabTo(page, 'input[name=mood]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.$eval('input[name=mood]:checked', (r) => (r as HTMLInputElement).value)).toBe('3');

    await tabTo(page, 'details.nuance > summary');
    await page.keyboard.press('Enter');
    await tabTo(page, 'input[value=reflectionFeelingCalm]');
    await page.keyboard.press('Space');
    await tabTo(page, '#question-0');
    await page.keyboard.type('A slow evening');
    await tabTo(page, '#reflection-text');
    await page.keyboard.type('Written without a mouse.');

    // Box breathing: the square breathes, unless I asked for less motion.
    await tabTo(page, 'details.breathing > summary');
    await page.keyboard.press('Enter');
    await tabTo(page, '.pacer-toggle');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.pacer-box[data-phase="0"]', { timeout: WAIT_MS });
    expect(await page.$eval('.pacer-phase', (p) => p.textContent)).toBe('Breathe in');
    const motion = () =>
      page.$eval('.pacer-box', (box) => [
        getComputedStyle(box).transitionDuration,
        getComputedStyle(box).transform,
      ]);
    expect((await motion())[0]).toBe('4s, 0.3s');
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    expect(await motion()).toEqual(['0s', 'none']);
    await page.keyboard.press('Enter'); // stop

    // Grounding, step by step.
    await tabTo(page, 'details.grounding > summary');
    await page.keyboard.press('Enter');
    await tabTo(page, '.grounding-next');
    for (let step = 0; step < 5; step++) await page.keyboard.press('Enter');
    expect(await page.$eval('details.grounding', (d) => d.textContent)).toContain('Well done.');

    // Back up to the save button (Shift+Tab) and save.
    for (
      let i = 0;
      i < 40 && !(await page.evaluate(() => document.activeElement?.matches('button[type=submit]')));
      i++
    )
      await page.keyboard
        .down('Shift')
        .then(() => page.keyboard.press('Tab'))
        .then(() => page.keyboard.up('Shift'));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.textContent === 'Close', { timeout: WAIT_MS });
    // The window closes while the key is still down: the key-up has no page left to reach.
    await Promise.all([closed(page), page.keyboard.press('Enter').catch(() => undefined)]);

    const [entry] = (await harness.journalEntriesInDb()) as unknown as StoredEntry[];
    expect(entry).toMatchObject({
      kind: 'check-in',
      text: 'Written without a mouse.',
      mood: { value: 3, word: 'Mixed' },
      nuance: { feelings: ['Calm'] },
    });
    expect(entry!.answers?.[0]?.answer).toBe('A slow evening');
  });

  it('the prompt, journal, popup and settings pass axe-core in light and dark', async () => {
    const prompt = await openManualCheckIn(harness);
    await openAllDetails(prompt);
    const pages: Record<string, Page> = { prompt };
    for (const scheme of ['light', 'dark'] as const) {
      await prompt.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      expect(await axeViolations(prompt), `prompt, ${scheme}`).toEqual([]);
    }
    await Promise.all([prompt.waitForSelector('h1', { timeout: WAIT_MS }), prompt.click('#reflection-okay')]);
    await prompt.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Noted'), {
      timeout: WAIT_MS,
    });
    expect(await axeViolations(prompt), 'after "I\'m okay"').toEqual([]);
    expect(await harness.journalEntriesInDb()).toMatchObject([{ kind: 'okay' }]);

    pages.journal = (await JournalScreen.open(harness)).page;
    await pages.journal.waitForSelector('.journal-entry', { timeout: WAIT_MS });
    pages.popup = await harness.openExtensionPage('popup.html');
    await pages.popup.waitForSelector('button.primary', { timeout: WAIT_MS });
    pages.options = await harness.openExtensionPage('options.html');
    await pages.options.waitForSelector('#questions-own', { timeout: WAIT_MS });
    for (const name of ['journal', 'popup', 'options'] as const) {
      // A tab in the background is never painted, so its screenshot would wait forever.
      await pages[name]!.bringToFront();
      for (const scheme of ['light', 'dark'] as const) {
        await pages[name]!.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        expect(await axeViolations(pages[name]!), `${name}, ${scheme}`).toEqual([]);
        if (name !== 'journal') await harness.screenshot(pages[name]!, `${name}-${scheme}`);
      }
    }
  });

  it('my own questions from the settings are the ones the check-in asks', async () => {
    const options = await harness.openExtensionPage('options.html');
    await options.waitForSelector('#questions-own', { timeout: WAIT_MS });
    await options.$eval('#questions-own', (box) => ((box as HTMLTextAreaElement).value = ''));
    await options.type('#questions-own', 'What made me smile?\nWhat do I want to remember?');
    await options.click('#questions-neutral');
    await options.click('.question-settings button[type=submit]');
    await options.waitForFunction(
      () => document.querySelector('.question-settings [role=status]')?.textContent === 'Saved.',
      {
        timeout: WAIT_MS,
      },
    );

    // The worker opens the page whose HTML already has the neutral wording.
    const page = await openManualCheckIn(harness, 'reflection-en-neutral.html');
    expect(await page.$eval('label[for=question-0]', (l) => l.textContent)).toBe('What made me smile?');
    expect(await page.$eval('label[for=question-1]', (l) => l.textContent)).toBe(
      'What do I want to remember?',
    );
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('A quick note');
  });
});
