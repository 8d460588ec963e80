import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPracticeServer } from '../../scripts/practice-server.mjs';
import {
  ExtensionHarness,
  PracticeCallPage,
  ReflectionWindow,
  waitForSessionsInProgress,
  type PracticeServer,
} from './harness';
import { JournalScreen } from './journal-page';

describe('after a practice call', () => {
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
    // A closed call waits out a grace period (in case it only dropped); keep it short here.
    await harness.updateDetectionSettings({ graceSeconds: 1 });
  });
  afterEach(async () => {
    await harness.close({ keepSite: true });
  });

  it('closing the call tab opens exactly one reflection window, and what I write lands in my journal', async () => {
    const windows = harness.watchReflectionWindows();
    const call = await PracticeCallPage.openLobby(harness);
    await call.join();
    await call.close();

    const reflection = await ReflectionWindow.waitFor(harness);
    expect(reflection.page.url()).toMatch(/reflection-en\.html\?session=[\w-]+$/);
    expect(await reflection.page.$eval('main', (main) => main.textContent)).toContain('Practice call');
    await harness.screenshot(reflection.page, 'reflection-window');

    await reflection.write('That was a lot. Glad I did it.');
    await reflection.save();

    const stored = await harness.journalEntriesInDb();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      text: 'That was a lot. Glad I did it.',
      kind: 'reflection',
      siteId: 'practice',
    });

    const journal = await JournalScreen.open(harness);
    expect(await journal.entryTexts()).toEqual(['That was a lot. Glad I did it.']);
    await harness.screenshot(journal.page, 'journal');

    // A duplicate window would have been created alongside the first; by now it would be seen.
    expect(windows.urls).toHaveLength(1);
  });

  it('still opens the reflection window when the service worker was stopped mid-call', async () => {
    const windows = harness.watchReflectionWindows();
    const call = await PracticeCallPage.openLobby(harness);
    await call.join();
    const reader = await harness.openExtensionPage('popup.html');
    await waitForSessionsInProgress(reader);
    await reader.close();
    // Stopped from the call's own page: it stays stopped until the call's tab closes.
    await harness.stopServiceWorker(call.page);
    await call.close();

    await ReflectionWindow.waitFor(harness);
    expect(windows.urls).toHaveLength(1);
  });

  it('a tab that never joined a call closes quietly', async () => {
    const windows = harness.watchReflectionWindows();
    const lobby = await PracticeCallPage.openLobby(harness);
    await lobby.close();

    // Events are handled in order, so a call that ends afterwards proves the lobby's close was
    // already handled: the first reflection window must belong to the later call.
    const call = await PracticeCallPage.openLobby(harness);
    await call.join();
    await call.close();
    await ReflectionWindow.waitFor(harness);
    expect(windows.urls).toHaveLength(1);
  });

  it('the "you left the call" page ends the session too', async () => {
    const call = await PracticeCallPage.openLobby(harness);
    await call.join();
    await call.leave();
    const reflection = await ReflectionWindow.waitFor(harness);
    expect(await reflection.heading()).toBe("You're back. Take a breath.");
  });

  it('the toolbar popup links to the journal and the settings', async () => {
    const popup = await harness.openExtensionPage('popup.html');
    await popup.waitForSelector('#open-journal');
    expect(await popup.$eval('#open-journal', (a) => a.getAttribute('href'))).toBe('/journal.html');
    await popup.click('#open-options');
    const options = await harness.waitForExtensionPage('options.html');
    await options.waitForSelector('.site-row[data-site-id="practice"] .site-state');
    expect(await options.$eval('.site-row[data-site-id="practice"] .site-state', (s) => s.textContent)).toBe(
      'Watching',
    );
  });
});
