// Starts Chromium with the built extension loaded on a fresh (or given) profile. Shared by
// `npm start`, the end-to-end tests and the benchmarks, so they all see the same browser setup.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer';
import { CHROMIUM_FLAGS, HOW_TO_GET_A_BROWSER, findChromium } from './find-browser.mjs';

export const PRACTICE_BUILD_DIR = resolve('.output/chrome-mv3-practice');

/**
 * @typedef {{ extensionDir?: string, userDataDir?: string, keepProfile?: boolean, headless?: boolean, timeoutMs?: number, extraArgs?: string[] }} LaunchOptions
 *
 * The profile: `userDataDir` is the caller's, used and left as it is. Without one, a fresh profile
 * in the system's temporary folder, which goes when the browser closes (or is killed); with
 * `keepProfile` it stays, for a test that starts the browser again on it, and the caller removes
 * it (`removeProfile`). Each profile is some megabytes: left behind, a day of test runs filled
 * gigabytes of /tmp.
 */

/** Removes a profile kept with `keepProfile`, once its browser has gone. */
export async function removeProfile(dir) {
  // Chromium's helper processes may still be writing into it for a moment after it exits.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

/** @param {LaunchOptions} [options] */
export async function launchExtensionBrowser(options = {}) {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    const launched = await launchOnce(options);
    if (attempt === attempts || (await i18nWorks(launched))) return launched;
    // Seen in headless Chromium under load: the extension's pages get an empty message catalogue
    // for the whole browser session (every i18n.getMessage returns ''), so every label would be a
    // message key. That is the browser starting badly, not Aftercare: start it again.
    console.warn(
      `Chromium started with an empty message catalogue; starting it again (${attempt}/${attempts}).`,
    );
    await launched.browser.close().catch(() => undefined);
    if (launched.keptProfile) await removeProfile(launched.userDataDir);
  }
}

/** Whether the extension's pages can read its strings (when it has any). */
/* global chrome */
async function i18nWorks({ browser, extensionId, extensionDir }) {
  if (!existsSync(join(extensionDir, '_locales')) || !existsSync(join(extensionDir, 'popup.html')))
    return true;
  const page = await browser.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/popup.html`, { waitUntil: 'load' });
    return (await page.evaluate(() => chrome.i18n.getMessage('extName'))) !== '';
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** @param {LaunchOptions} options */
async function launchOnce({
  extensionDir = PRACTICE_BUILD_DIR,
  userDataDir,
  keepProfile = false,
  headless = true,
  timeoutMs = 20_000,
  extraArgs = [],
}) {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error(HOW_TO_GET_A_BROWSER);
  // Without a directory of ours, puppeteer makes a temporary profile and removes it on close.
  const keptProfile = !userDataDir && keepProfile;
  const profileDir = keptProfile ? await mkdtemp(join(tmpdir(), 'aftercare-profile-')) : userDataDir;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const browser = await puppeteer.launch({
    executablePath,
    headless,
    pipe: true,
    enableExtensions: [extensionDir],
    ...(profileDir ? { userDataDir: profileDir } : {}),
    // Chromium refuses to sandbox as root; a normal user keeps the sandbox.
    args: [...CHROMIUM_FLAGS.filter((flag) => isRoot || flag !== '--no-sandbox'), ...extraArgs],
    defaultViewport: headless ? { width: 1100, height: 760 } : null,
    protocolTimeout: 60_000,
  });
  const worker = await browser
    .waitForTarget(
      (target) =>
        target.type() === 'service_worker' &&
        target.url().startsWith('chrome-extension://') &&
        target.url().endsWith('/background.js'),
      { timeout: timeoutMs },
    )
    .catch(async (error) => {
      // No browser left running, nor a profile left behind, by a start that failed.
      await browser.close().catch(() => undefined);
      if (keptProfile) await removeProfile(profileDir);
      throw error;
    });
  const extensionId = new URL(worker.url()).host;
  const inUse =
    profileDir ??
    browser
      .process()
      ?.spawnargs.find((arg) => arg.startsWith('--user-data-dir='))
      ?.slice('--user-data-dir='.length);
  return { browser, extensionId, extensionDir, userDataDir: inUse, keptProfile, executablePath };
}

/**
 * Closes the first-run guide that a fresh install of Aftercare opens in a tab of its own, once it
 * has opened (or goes on after `timeoutMs` if it never does).
 * @param {import('puppeteer').Browser} browser
 * @param {string} extensionId
 */
export async function closeFirstRunGuide(browser, extensionId, { timeoutMs = 15_000 } = {}) {
  const url = `chrome-extension://${extensionId}/welcome.html`;
  const guide = await browser.waitForTarget((t) => t.url() === url, { timeout: timeoutMs }).catch(() => null);
  await (await guide?.asPage())?.close();
}

/**
 * Stops the extension's MV3 service worker the way the browser does when it is idle, and waits
 * until it has really stopped. Driven from a DevTools session on a page, not by attaching to the
 * worker (that leaves a stale target and the next start hangs).
 * - `pagePath`: one of the extension's own pages, opened for this and closed after. Closing its
 *   tab is a tab event, which starts the worker again at once.
 * - `page`: a page already open (the call's page), left open: the worker stays stopped until
 *   the next event, as it is after an idle while.
 * @param {import('puppeteer').Browser} browser
 * @param {string} extensionId
 * @param {{ pagePath?: string, page?: import('puppeteer').Page, timeoutMs?: number }} options
 */
export async function stopServiceWorker(
  browser,
  extensionId,
  { pagePath, page: openPage, timeoutMs = 15_000 },
) {
  const origin = `chrome-extension://${extensionId}/`;
  const page = openPage ?? (await browser.newPage());
  if (!openPage) await page.goto(`${origin}${pagePath}`, { waitUntil: 'load' });
  const session = await page.createCDPSession();
  try {
    await session.send('ServiceWorker.enable');
    const stopped = new Promise((resolveStopped, reject) => {
      const timer = setTimeout(() => reject(new Error('service worker did not stop')), timeoutMs);
      session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        const ours = versions.filter((v) => v.scriptURL.startsWith(origin));
        if (ours.length > 0 && ours.every((v) => v.runningStatus === 'stopped')) {
          clearTimeout(timer);
          resolveStopped(undefined);
        }
      });
    });
    await session.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    await session.detach().catch(() => undefined);
    if (!openPage) await page.close();
  }
}
