import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtensionBrowser, removeProfile } from '../../scripts/launch-extension.mjs';
import { startPracticeServer } from '../../scripts/practice-server.mjs';
import { ExtensionHarness, type PracticeServer } from './harness';

// Every browser `npm start`, the tests and the benchmark open gets a profile of some megabytes in
// the system's temporary folder. None may stay there once its browser has closed.
describe('browser profiles', () => {
  let site: PracticeServer;
  beforeAll(async () => {
    site = await startPracticeServer();
  });
  afterAll(async () => {
    await site.close();
  });

  it('a fresh profile goes when its browser closes', async () => {
    const { browser, userDataDir } = await launchExtensionBrowser();
    expect(userDataDir).toBeTruthy();
    expect(existsSync(userDataDir!)).toBe(true);
    await browser.close();
    expect(existsSync(userDataDir!)).toBe(false);
  });

  it('a kept profile outlives its browser, for the next one to start on, until removed', async () => {
    const { browser, userDataDir } = await launchExtensionBrowser({ keepProfile: true });
    await browser.close();
    expect(existsSync(userDataDir!)).toBe(true);
    await removeProfile(userDataDir!);
    expect(existsSync(userDataDir!)).toBe(false);
  });

  it('a test harness removes its profile when it closes, unless the next harness starts on it', async () => {
    const first = await ExtensionHarness.launch({ site });
    const profile = first.userDataDir;
    await first.close({ keepSite: true, keepProfile: true });
    expect(existsSync(profile)).toBe(true);
    const second = await ExtensionHarness.launch({ site, userDataDir: profile });
    await second.close({ keepSite: true });
    expect(existsSync(profile)).toBe(false);
  });
});
