import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CDPSession, Page, Target } from 'puppeteer';
import { startPracticeServer } from '../../scripts/practice-server.mjs';
import { ExtensionHarness, WAIT_MS, type PracticeServer } from './harness';

/*
 * Reach out, end to end in real Chromium. Nothing leaves the machine:
 * - every http(s) request from any tab is caught at the browser level (CDP Fetch) and answered
 *   locally, so wa.me and friends are never contacted; the caught URL is the proof;
 * - links Chromium hands to the operating system (mailto: goes straight through; sms: and tel:
 *   wait for a prompt headless Chromium never shows) reach a stand-in `xdg-open` that only writes
 *   down what it was given;
 * - each page's own "a new window is being opened for <url>" event records the attempt for every
 *   scheme, which is the one thing common to all of them.
 */

const SAM_MESSAGE = 'Hey, rough call. Could you check in on me?';
const SAM_URL =
  'https://wa.me/447700900123?text=Hey%2C%20rough%20call.%20Could%20you%20check%20in%20on%20me%3F';

let fakeOs: { dir: string; log: string };
let site: PracticeServer;
let harness: ExtensionHarness;
let caught: string[];
const originalPath = process.env.PATH;

beforeAll(async () => {
  site = await startPracticeServer();
  const dir = await mkdtemp(join(tmpdir(), 'aftercare-fake-os-'));
  fakeOs = { dir, log: join(dir, 'opened.log') };
  await writeFile(join(dir, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${fakeOs.log}'\n`);
  await chmod(join(dir, 'xdg-open'), 0o755);
  // Chromium inherits this test process's PATH and finds the stand-in first.
  process.env.PATH = `${dir}:${originalPath}`;
});
afterAll(async () => {
  process.env.PATH = originalPath;
  await rm(fakeOs.dir, { recursive: true, force: true });
  await site.close();
});

beforeEach(async () => {
  harness = await ExtensionHarness.launch({ site });
  caught = [];
  const session = await harness.browser.target().createCDPSession();
  session.on('Fetch.requestPaused', ({ requestId, request }) => {
    if (request.url.startsWith(site.origin)) {
      void session.send('Fetch.continueRequest', { requestId }).catch(() => undefined);
      return;
    }
    caught.push(request.url);
    void session
      .send('Fetch.fulfillRequest', {
        requestId,
        responseCode: 200,
        responseHeaders: [{ name: 'Content-Type', value: 'text/html' }],
        body: Buffer.from('<title>caught</title>').toString('base64'),
      })
      .catch(() => undefined);
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: 'http://*' }, { urlPattern: 'https://*' }] });
});
afterEach(async () => {
  await harness.close({ keepSite: true });
});

/** Records every window a page tries to open, whatever the scheme. */
async function watchOpens(page: Page): Promise<{ urls: string[]; session: CDPSession }> {
  const session = await page.createCDPSession();
  const urls: string[] = [];
  session.on('Page.windowOpen', ({ url }) => urls.push(url));
  await session.send('Page.enable');
  return { urls, session };
}

/** Every page or window the browser opens from now on (a page's own watcher starts too late for code run at load). */
function watchNewTargets(): string[] {
  const urls: string[] = [];
  harness.browser.on('targetcreated', (target: Target) => {
    if (!/^(chrome-extension|about):/.test(target.url())) urls.push(target.url());
  });
  return urls;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const fakeOsOpened = async (): Promise<string[]> =>
  (await readFile(fakeOs.log, 'utf8').catch(() => '')).split('\n').filter(Boolean);

async function setInput(page: Page, selector: string, value: string) {
  await page.$eval(
    selector,
    (el, v) => {
      (el as HTMLInputElement).value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    value,
  );
}

/** Stores contacts straight into storage.local, from an extension page. */
async function storeReachOut(data: unknown) {
  const page = await harness.openExtensionPage('journal.html');
  await page.evaluate((value) => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { set(items: object): Promise<void> } } };
    };
    return chrome.storage.local.set({ 'reach-out': value });
  }, data);
  await page.close();
}

const contact = (fields: Record<string, string>) => ({
  message: SAM_MESSAGE,
  timeZone: 'UTC',
  reachableFrom: '00:00',
  reachableUntil: '00:00',
  ...fields,
});

/** Opens an extension page whose clock says `iso` (set before any of the page's code runs). */
async function openAtTime(path: string, iso: string): Promise<Page> {
  const page = await harness.browser.newPage();
  await page.evaluateOnNewDocument((fixed: number) => {
    const RealDate = Date;
    class FakeDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(fixed);
        else super(...(args as [number]));
      }
      static override now() {
        return fixed;
      }
    }
    globalThis.Date = FakeDate as DateConstructor;
  }, Date.parse(iso));
  await page.goto(harness.extensionUrl(path), { waitUntil: 'load' });
  return page;
}

describe('reaching out to someone I trust', () => {
  it('a contact set up in settings opens in one click from the popup, exactly where the preview said', async () => {
    const options = await harness.openExtensionPage('options.html');
    await options.waitForSelector('#contact-add', { timeout: WAIT_MS });
    await options.click('#contact-add');
    await options.type('#contact-name', 'Sam');
    await options.select('#contact-channel', 'whatsapp');
    await options.type('#contact-address', '+44 7700 900123');
    await setInput(options, '#contact-time-zone', 'UTC');
    await setInput(options, '#contact-from', '00:00');
    await setInput(options, '#contact-until', '00:00');
    await options.waitForFunction(
      (url) => document.querySelector('#contact-preview-url')?.textContent === url,
      { timeout: WAIT_MS },
      SAM_URL,
    );
    await harness.screenshot(options, 'reach-out-options-form');
    await options.click('#contact-save');
    await options.waitForSelector('.contact-row .contact-url', { timeout: WAIT_MS });
    expect(await options.$eval('.contact-row .contact-url', (el) => el.textContent)).toBe(SAM_URL);
    expect(await options.$eval('.contact-row', (el) => el.textContent)).toContain('First to reach out to');
    await harness.screenshot(options, 'reach-out-options');

    // The popup carries no contact code: its button hands over to the Reach out page, which builds
    // the link and, with nothing to say first, opens it at once.
    const popup = await harness.openExtensionPage('popup.html');
    const opens = await watchOpens(popup);
    const button = await popup.waitForSelector('a.reach-out-message', { timeout: WAIT_MS });
    expect(await button!.evaluate((a) => a.textContent)).toBe('Message Sam');
    expect(await button!.evaluate((a) => a.getAttribute('href'))).toBe('/reach-out.html?message=first');
    await harness.screenshot(popup, 'reach-out-popup');
    await button!.click();
    const opened = await harness.browser.waitForTarget((t) => t.url() === SAM_URL, { timeout: WAIT_MS });
    expect(opened.url()).toBe(SAM_URL);
    expect(opens.urls).toEqual([SAM_URL]);
    await waitFor('the request to be caught', () => (caught.includes(SAM_URL) ? true : undefined));
  });

  it('the check-in window offers the first contact in one click, too', async () => {
    await storeReachOut({
      version: 1,
      contacts: [contact({ id: 'sam', name: 'Sam', channel: 'whatsapp', address: '+44 7700 900123' })],
      primaryId: 'sam',
      helplineCountries: [],
      userHelplines: [],
    });
    const reflection = await harness.openExtensionPage('reflection.html');
    const opens = await watchOpens(reflection);
    const button = await reflection.waitForSelector('main a.reach-out-message', { timeout: WAIT_MS });
    expect(await button!.evaluate((a) => a.textContent)).toBe('Message Sam');
    await button!.click();
    const opened = await harness.browser.waitForTarget((t) => t.url() === SAM_URL, { timeout: WAIT_MS });
    expect(opened.url()).toBe(SAM_URL);
    expect(opens.urls).toEqual([SAM_URL]);
  });

  it('the Reach out window hands e-mail and text messages to the system, and nothing else', async () => {
    await storeReachOut({
      version: 1,
      contacts: [
        contact({ id: 'alex', name: 'Alex', channel: 'email', address: 'alex@example.org' }),
        contact({ id: 'kim', name: 'Kim', channel: 'sms', address: '+1 (555) 010-2030' }),
      ],
      primaryId: 'alex',
      helplineCountries: [],
      userHelplines: [],
    });
    const page = await harness.openExtensionPage('reach-out.html');
    const opens = await watchOpens(page);
    await page.waitForSelector('a.reach-out-message', { timeout: WAIT_MS });
    const mailto =
      'mailto:alex@example.org?body=Hey%2C%20rough%20call.%20Could%20you%20check%20in%20on%20me%3F';
    expect(await page.$eval('a.reach-out-message', (a) => a.getAttribute('href'))).toBe(mailto);
    await page.click('a.reach-out-message');
    // mailto: goes straight to the system's mail handler: our stand-in wrote it down.
    expect(
      await waitFor('the mail handoff', async () =>
        (await fakeOsOpened()).includes(mailto) ? true : undefined,
      ),
    ).toBe(true);

    await page.click('.reach-out-others summary');
    const sms = 'sms:+15550102030?body=Hey%2C%20rough%20call.%20Could%20you%20check%20in%20on%20me%3F';
    await page.click(`.reach-out-others a[href="${sms}"]`);
    await waitFor('the sms attempt', () => (opens.urls.includes(sms) ? true : undefined));
    expect(opens.urls).toEqual([mailto, sms]);
    expect(caught).toEqual([]);
  });

  it("says kindly when it's the middle of the night for them, and still lets me go ahead", async () => {
    await storeReachOut({
      version: 1,
      contacts: [
        contact({
          id: 'sam',
          name: 'Sam',
          channel: 'whatsapp',
          address: '+44 7700 900123',
          timeZone: 'Europe/London',
          reachableFrom: '08:00',
          reachableUntil: '23:00',
        }),
        contact({
          id: 'alex',
          name: 'Alex',
          channel: 'telegram',
          address: '@alex_rivera',
          timeZone: 'America/Los_Angeles',
          reachableFrom: '08:00',
          reachableUntil: '23:00',
        }),
      ],
      primaryId: 'sam',
      helplineCountries: ['GB'],
      userHelplines: [],
    });
    // 03:10 in London; 19:10 the evening before in Los Angeles. "Message Sam" in the popup leads
    // here too, and opens nothing before the kind word.
    const openedAtOnce = watchNewTargets();
    const page = await openAtTime('reach-out.html?message=first', '2026-01-15T03:10:00Z');
    await page.waitForSelector('.reach-out-late', { timeout: WAIT_MS });
    expect(await page.$eval('.reach-out-late', (el) => el.textContent)).toContain("It's 03:10 for Sam.");
    const instead =
      'https://t.me/alex_rivera?text=Hey%2C%20rough%20call.%20Could%20you%20check%20in%20on%20me%3F';
    expect(
      await page.$eval('.reach-out-late a.reach-out-message', (a) => [a.textContent, a.getAttribute('href')]),
    ).toEqual(['Message Alex instead', instead]);
    await page.click('.reach-out-late .reach-out-toggle-helplines');
    await page.waitForSelector('.helpline[data-helpline-id="gb-samaritans"]', { timeout: WAIT_MS });
    await harness.screenshot(page, 'reach-out-late-hour');
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await page.setViewport({ width: 360, height: 740 });
    await harness.screenshot(page, 'reach-out-late-hour-dark-360');

    expect(openedAtOnce).toEqual([]);
    // Going ahead anyway is one click, with the keyboard too.
    const opens = await watchOpens(page);
    await page.focus('.reach-out-contact[data-contact-id="sam"] a.reach-out-message');
    await page.keyboard.press('Enter');
    await harness.browser.waitForTarget((t) => t.url() === SAM_URL, { timeout: WAIT_MS });
    expect(opens.urls).toEqual([SAM_URL]);
  });

  it('the same hour in the afternoon shows no late-hour note', async () => {
    await storeReachOut({
      version: 1,
      contacts: [
        contact({
          id: 'sam',
          name: 'Sam',
          channel: 'whatsapp',
          address: '+44 7700 900123',
          timeZone: 'Europe/London',
          reachableFrom: '08:00',
          reachableUntil: '23:00',
        }),
      ],
      primaryId: 'sam',
    });
    const page = await openAtTime('reach-out.html', '2026-01-15T15:10:00Z');
    await page.waitForSelector('a.reach-out-message', { timeout: WAIT_MS });
    expect(await page.$('.reach-out-late')).toBeNull();
  });

  it('helplines for the country I picked work with the network refused', async () => {
    const options = await harness.openExtensionPage('options.html');
    await options.waitForSelector('input.helpline-country[value="GB"]', { timeout: WAIT_MS });
    await options.click('input.helpline-country[value="GB"]');
    await options.waitForFunction(
      () => (document.querySelector('input.helpline-country[value="GB"]') as HTMLInputElement).checked,
      { timeout: WAIT_MS },
    );

    const page = await harness.browser.newPage();
    await page.setOfflineMode(true);
    await page.goto(harness.extensionUrl('reach-out.html'), { waitUntil: 'load' });
    const opens = await watchOpens(page);
    await page.waitForSelector('.reach-out-toggle-helplines', { timeout: WAIT_MS });
    await page.click('.reach-out-toggle-helplines');
    await page.waitForSelector('.helpline[data-helpline-id="gb-samaritans"] a.helpline-call', {
      timeout: WAIT_MS,
    });
    const call = await page.$eval('.helpline[data-helpline-id="gb-samaritans"] a.helpline-call', (a) => [
      a.textContent,
      a.getAttribute('href'),
    ]);
    expect(call).toEqual(['Call 116 123', 'tel:116123']);
    expect(await page.$eval('.helplines', (el) => el.textContent)).toContain('not an emergency service');
    expect(await page.$eval('#find-a-helpline', (a) => a.getAttribute('href'))).toBe(
      'https://findahelpline.com/',
    );
    await harness.screenshot(page, 'reach-out-helplines-offline');
    await page.click('.helpline[data-helpline-id="gb-samaritans"] a.helpline-call');
    await waitFor('the call attempt', () => (opens.urls.includes('tel:116123') ? true : undefined));
  });

  it('a dangerous link never becomes a button, even if it is written into storage directly', async () => {
    await storeReachOut({
      version: 1,
      contacts: [contact({ id: 'x', name: 'Mallory', channel: 'custom', address: 'javascript:alert(1)' })],
      primaryId: 'x',
    });
    const page = await harness.openExtensionPage('reach-out.html');
    await page.waitForSelector('#reach-out-heading', { timeout: WAIT_MS });
    expect(await page.$$eval('a[href^="javascript"]', (links) => links.length)).toBe(0);
    expect(await page.$eval('main', (m) => m.textContent)).toContain(
      "You haven't added anyone to reach out to yet.",
    );
  });

  it('a link I added myself asks first, showing its host', async () => {
    await storeReachOut({
      version: 1,
      contacts: [
        contact({ id: 'r', name: 'Robin', channel: 'custom', address: 'https://chat.example.org/robin' }),
      ],
      primaryId: 'r',
    });
    // As the popup's "Message Robin" opens it: the question comes first, nothing opens before yes.
    const openedAtOnce = watchNewTargets();
    const page = await harness.openExtensionPage('reach-out.html?message=first');
    const opens = await watchOpens(page);
    await page.waitForSelector('.reach-out-confirm', { timeout: WAIT_MS });
    expect(openedAtOnce).toEqual([]);
    expect(await page.$eval('.reach-out-confirm', (el) => el.textContent)).toContain(
      'This opens chat.example.org, a link you added yourself.',
    );
    expect(opens.urls).toEqual([]);
    await page.click('a.reach-out-confirm-yes');
    await harness.browser.waitForTarget((t) => t.url() === 'https://chat.example.org/robin', {
      timeout: WAIT_MS,
    });
    expect(caught).toContain('https://chat.example.org/robin');
  });
});
