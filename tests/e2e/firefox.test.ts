import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPracticeServer } from '../../scripts/practice-server.mjs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SCREENSHOT_DIR, WAIT_MS, type PracticeServer } from './harness';
import { FirefoxHarness, NO_FIREFOX_REASON, findFirefox } from './firefox-harness';

const firefox = findFirefox();
if (!firefox) console.warn(`\n⚠ ${NO_FIREFOX_REASON}\n`);

describe.skipIf(!firefox)('in Firefox (firefox-esr over WebDriver BiDi)', () => {
  let site: PracticeServer;
  let harness: FirefoxHarness;

  beforeAll(async () => {
    site = await startPracticeServer();
    harness = await FirefoxHarness.launch(firefox!);
  });
  afterAll(async () => {
    await harness?.close();
    await site?.close();
  });

  it('a call that ends opens the check-in window, and what I write is saved to my journal', async () => {
    const call = await harness.browser.newPage();
    await call.goto(`${site.origin}/`, { waitUntil: 'load' });
    await Promise.all([call.waitForNavigation({ timeout: WAIT_MS }), call.click('#join')]);
    // The "you left the call" page ends a session at once (closing the tab waits out the drop
    // grace period, a minute by default).
    await Promise.all([call.waitForNavigation({ timeout: WAIT_MS }), call.click('#leave')]);

    const reflection = await harness.waitForExtensionPage('reflection.html?session=');
    await reflection.waitForSelector('#reflection-text', { timeout: WAIT_MS });
    expect(await reflection.$eval('main', (main) => main.textContent)).toContain('Practice call');
    // The practice build is granted the local site up front in Firefox too; production never is.
    const origins = await reflection.evaluate(async () => {
      const api = (
        globalThis as unknown as { browser: { permissions: { getAll(): Promise<{ origins?: string[] }> } } }
      ).browser;
      return (await api.permissions.getAll()).origins ?? [];
    });
    expect(origins).toContain('http://127.0.0.1/*');

    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await reflection.screenshot({ path: join(SCREENSHOT_DIR, 'firefox-reflection.png') as `${string}.png` });
    await reflection.type('#reflection-text', 'Firefox keeps it too. 🦊');
    await reflection.click('button[type=submit]');
    await reflection.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Saved'), {
      timeout: WAIT_MS,
    });

    const journal = await harness.openExtensionPageFrom(reflection, 'journal.html');
    await journal.waitForSelector('.journal-entry .entry-text', { timeout: WAIT_MS });
    await journal.screenshot({ path: join(SCREENSHOT_DIR, 'firefox-journal.png') as `${string}.png` });
    expect(
      await journal.$$eval('.journal-entry .entry-text', (nodes) => nodes.map((n) => n.textContent)),
    ).toEqual(['Firefox keeps it too. 🦊']);
  });
});
