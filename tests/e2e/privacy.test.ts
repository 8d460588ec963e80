import type { Page, Target } from 'puppeteer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPracticeServer } from '../../scripts/practice-server.mjs';
import {
  ExtensionHarness,
  PracticeCallPage,
  ReflectionWindow,
  WAIT_MS,
  type PracticeServer,
} from './harness';
import { JournalScreen } from './journal-page';
import { startRecordingProxy } from './network-recorder';

// TEST-NET-1 (RFC 5737): an address that is never anyone's server. Used only by the call site's
// page, never by Aftercare, to prove that the recorder would catch a request that leaves.
const CONTROL_URL = 'http://192.0.2.1/aftercare-control';

/**
 * Chromium's own background services (network time, component updates and their downloads,
 * Google account checks). Measured here: the very same requests appear with no extension loaded at
 * all, even with --disable-background-networking and --disable-component-update. They come from the
 * browser process, never from a page or worker, so the per-target record below would still catch
 * Aftercare calling one of these hosts; and the test proves none of them carries Aftercare's id.
 */
const CHROMIUM_OWN_SERVICES =
  /^(CONNECT|GET|POST) (http:\/\/)?([\w-]+\.)*(google\.com|googleapis\.com|gvt1\.com|gvt2\.com|gstatic\.com)[:/]/;

describe('privacy you can check', () => {
  let site: PracticeServer;
  let harness: ExtensionHarness | undefined;

  beforeAll(async () => {
    site = await startPracticeServer();
  });
  afterAll(async () => {
    await site.close();
  });
  afterEach(async () => {
    await harness?.close({ keepSite: true });
    harness = undefined;
  });

  it('a whole session, through every page of Aftercare, makes no request except to the local site', async () => {
    const proxy = await startRecordingProxy(site.origin);
    try {
      harness = await ExtensionHarness.launch({ site, extraArgs: proxy.browserArgs });
      // A second record, per target (every page, window and the service worker), from DevTools.
      const targetRequests: string[] = [];
      const watch = async (target: Target) => {
        if (!['page', 'service_worker', 'other', 'background_page'].includes(target.type())) return;
        const page = await target.page().catch(() => null);
        if (page) {
          page.on('request', (request) => targetRequests.push(request.url()));
          return;
        }
        const session = await target.createCDPSession().catch(() => null);
        session?.on('Network.requestWillBeSent', ({ request }) => targetRequests.push(request.url));
        await session?.send('Network.enable').catch(() => undefined);
      };
      harness.browser.on('targetcreated', (target: Target) => void watch(target));
      await Promise.all(harness.browser.targets().map(watch));

      for (const path of ['popup.html', 'options.html', 'journal.html']) {
        const page = await harness.openExtensionPage(path);
        await page.waitForSelector('main, #app > *', { timeout: WAIT_MS });
        await page.close();
      }
      const call = await PracticeCallPage.openLobby(harness);
      await call.join();
      await call.leave();
      const reflection = await ReflectionWindow.waitFor(harness);
      await reflection.write('Nobody else needs to read this.');
      await reflection.save();
      const journal = await JournalScreen.open(harness);
      expect(await journal.entryTexts()).toEqual(['Nobody else needs to read this.']);

      // The control: the call site itself reaching out is seen, so a leak by Aftercare would be too.
      await call.page.evaluate((url) => fetch(url, { mode: 'no-cors' }).catch(() => 'refused'), CONTROL_URL);
      expect(proxy.seen).toContain(`GET ${CONTROL_URL}`);
      // The practice site really went through the recorder (loopback is not bypassed).
      expect(proxy.seen).toContain(`GET ${site.origin}/call/practice-room`);

      const unexpected = proxy
        .foreign()
        .filter((line) => line !== `GET ${CONTROL_URL}`)
        .filter((line) => !CHROMIUM_OWN_SERVICES.test(line));
      expect(unexpected).toEqual([]);
      expect(proxy.mentions(harness.extensionId)).toBe(false);
      // Every target's requests: its own files, and over the network only the local site (and the
      // call site's control request). Browser UI pages (chrome://) load only browser files.
      const overNetwork = targetRequests.filter((url) => /^(https?|wss?|ftp):/i.test(url));
      expect(
        targetRequests.filter((url) => url.startsWith(harness!.extensionUrl(''))).length,
      ).toBeGreaterThan(5);
      expect(overNetwork.filter((url) => !url.startsWith(`${site.origin}/`) && url !== CONTROL_URL)).toEqual(
        [],
      );
    } finally {
      await proxy.close();
    }
  });

  it("the call site's page gains nothing from Aftercare: no node, no script, no code of ours", async () => {
    harness = await ExtensionHarness.launch({ site });
    // What a page looks like without Aftercare: extensions do not run in a private context.
    const privateContext = await harness.browser.createBrowserContext();

    /** Opens the practice site with a record of every node added from the first byte on. */
    const observe = async (page: Page) => {
      const contexts: Array<{ origin: string; name: string; auxData: { isDefault?: boolean } }> = [];
      const session = await page.createCDPSession();
      session.on('Runtime.executionContextCreated', ({ context }) =>
        contexts.push({ origin: context.origin, name: context.name, auxData: context.auxData ?? {} }),
      );
      await session.send('Runtime.enable');
      await page.evaluateOnNewDocument(() => {
        const w = window as unknown as { __added: number; __foreign: string[] };
        w.__added = 0;
        w.__foreign = [];
        new MutationObserver((mutations) => {
          for (const mutation of mutations) {
            for (const node of mutation.addedNodes) {
              w.__added++;
              const html = new XMLSerializer().serializeToString(node);
              if (/(chrome|moz)-extension:/.test(html)) w.__foreign.push(html.slice(0, 200));
            }
          }
        }).observe(document, { childList: true, subtree: true, attributes: true });
      });
      return contexts;
    };
    const snapshot = (page: Page) =>
      page.evaluate(() => {
        const w = window as unknown as { __added: number; __foreign: string[] };
        return {
          html: new XMLSerializer().serializeToString(document),
          added: w.__added,
          foreign: w.__foreign,
        };
      });

    const withAftercare = await harness.browser.newPage();
    const without = await privateContext.newPage();
    const contexts = await observe(withAftercare);
    await observe(without);

    const phases: Array<[string, (page: Page) => Promise<unknown>]> = [
      ['lobby', (page) => page.goto(`${site.origin}/`, { waitUntil: 'load' })],
      ['call', (page) => Promise.all([page.waitForNavigation({ timeout: WAIT_MS }), page.click('#join')])],
      ['left', (page) => Promise.all([page.waitForNavigation({ timeout: WAIT_MS }), page.click('#leave')])],
    ];
    for (const [phase, act] of phases) {
      await act(withAftercare);
      await act(without);
      const ours = await snapshot(withAftercare);
      const baseline = await snapshot(without);
      expect(ours.foreign, phase).toEqual([]);
      expect(ours.added, phase).toBe(baseline.added);
      expect(ours.html, phase).toBe(baseline.html);
    }
    // Aftercare was watching all along: leaving ended the session and the check-in opened, in its
    // own window.
    const reflection = await ReflectionWindow.waitFor(harness);
    expect(reflection.page.url()).not.toContain(site.origin);
    // And no code of any extension ever ran in the call site's page: its only worlds are its own
    // and puppeteer's (a content script would show up as another isolated world).
    const worlds = contexts.map(({ name, auxData }) =>
      auxData.isDefault ? 'page' : name.startsWith('__puppeteer_utility_world__') ? 'puppeteer' : name,
    );
    expect(worlds).toContain('page');
    expect(worlds.filter((world) => world !== 'page' && world !== 'puppeteer')).toEqual([]);
    expect(contexts.filter(({ origin }) => origin.includes('extension://'))).toEqual([]);
    await privateContext.close();
  });

  // Last, in its own browser: it attaches to the service worker (see TOOLCHAIN.md on stale targets).
  it('the Content Security Policy stops every way of reaching the network, from pages and the worker', async () => {
    const hits: string[] = [];
    const probe = await startPracticeServer({ onRequest: (path) => hits.push(path) });
    try {
      harness = await ExtensionHarness.launch({ site });
      // Control: an ordinary web page can reach the probe, so zero hits below means "blocked".
      const ordinary = await harness.browser.newPage();
      await ordinary.goto(`${site.origin}/`, { waitUntil: 'load' });
      await ordinary.evaluate(
        (url) => fetch(url, { mode: 'no-cors' }).then(() => 'reached'),
        `${probe.origin}/control`,
      );
      expect(hits).toEqual(['/control']);
      hits.length = 0;

      const page = await harness.openExtensionPage('journal.html');
      const fromPage = await page.evaluate(async (origin) => {
        const attempt = (run: () => Promise<unknown>) =>
          run().then(
            () => 'reached',
            () => 'blocked',
          );
        const events = (target: EventTarget, ok: string, fail: string) =>
          new Promise((resolve, reject) => {
            target.addEventListener(ok, resolve);
            target.addEventListener(fail, reject);
          });
        return {
          fetch: await attempt(() => fetch(`${origin}/fetch`)),
          xhr: await attempt(() => {
            const xhr = new XMLHttpRequest();
            xhr.open('GET', `${origin}/xhr`);
            const done = events(xhr, 'load', 'error');
            xhr.send();
            return done;
          }),
          eventSource: await attempt(() => {
            const source = new EventSource(`${origin}/events`);
            return events(source, 'open', 'error').finally(() => source.close());
          }),
          webSocket: await attempt(() => {
            const socket = new WebSocket(`${origin.replace('http', 'ws')}/socket`);
            return events(socket, 'open', 'error');
          }).catch(() => 'blocked'),
          image: await attempt(() => {
            const image = new Image();
            const done = events(image, 'load', 'error');
            image.src = `${origin}/image.png`;
            return done;
          }),
        };
      }, probe.origin);
      expect(fromPage).toEqual({
        fetch: 'blocked',
        xhr: 'blocked',
        eventSource: 'blocked',
        webSocket: 'blocked',
        image: 'blocked',
      });

      const workerTarget = await harness.browser.waitForTarget(
        (t) => t.type() === 'service_worker' && t.url() === harness!.extensionUrl('background.js'),
        { timeout: WAIT_MS },
      );
      const worker = await workerTarget.worker();
      const fromWorker = await worker!.evaluate(
        (origin) =>
          fetch(`${origin}/from-worker`).then(
            () => 'reached',
            () => 'blocked',
          ),
        probe.origin,
      );
      expect(fromWorker).toBe('blocked');

      // A last control after every attempt: if anything had slipped through, it came before this.
      await ordinary.evaluate(
        (url) => fetch(url, { mode: 'no-cors' }).then(() => 'reached'),
        `${probe.origin}/after`,
      );
      expect(hits).toEqual(['/after']);
    } finally {
      await probe.close();
    }
  });
});
