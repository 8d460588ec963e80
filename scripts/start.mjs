// `npm start`: build Aftercare, open Chromium with it loaded on a fresh profile and the practice
// call page open. With a display, the browser is yours to try. Without one (a server, CI), it walks
// through one practice session by itself and saves screenshots of what a user would see.
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { HOW_TO_GET_A_BROWSER, findChromium } from './find-browser.mjs';
import { closeFirstRunGuide, launchExtensionBrowser } from './launch-extension.mjs';
import { startPracticeServer } from './practice-server.mjs';

const SCREENSHOT_DIR = resolve('artifacts/start');
const hasDisplay =
  process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = process.env.HEADLESS === '1' || process.env.CI === 'true' || !hasDisplay;

async function main() {
  if (!(await findChromium())) {
    console.error(HOW_TO_GET_A_BROWSER);
    process.exit(1);
  }

  console.log('Building Aftercare (practice build: the local practice site is allowed up front)…');
  const build = spawnSync('npx', ['wxt', 'build', '-b', 'chrome', '--mode', 'practice'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const site = await startPracticeServer({ port: Number(process.env.PORT ?? 0) });
  const { browser, extensionId } = await launchExtensionBrowser({ headless });
  // The fresh install opens the first-run guide; the walk-through below has no use for it.
  if (headless) await closeFirstRunGuide(browser, extensionId);
  const lobby = (await browser.pages())[0] ?? (await browser.newPage());
  await lobby.goto(`${site.origin}/`);

  if (!headless) {
    console.log(`\nAftercare is loaded. The practice call is open at ${site.origin}/`);
    console.log('Join the call, then leave or close the tab: a quiet check-in window will open.');
    console.log('Close the browser (or press Ctrl+C here) when you are done.');
    const stop = async () => {
      await browser.close().catch(() => undefined);
      await site.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    browser.on('disconnected', stop);
    return;
  }

  console.log('\nNo display here, so Aftercare runs headless and tries one practice session by itself.');
  try {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const shots = [];
    const shot = async (page, name) => {
      const path = resolve(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      shots.push(path);
    };

    await shot(lobby, '1-practice-lobby');
    await Promise.all([lobby.waitForNavigation(), lobby.click('#join')]);
    await shot(lobby, '2-in-the-call');
    console.log('  joined the practice call, and now closing its tab…');
    // The check-in page in the browser's language (reflection-en.html, …: utils/check-in/shell.ts).
    const reflectionUrl = `chrome-extension://${extensionId}/reflection`;
    const windowOpened = browser.waitForTarget((t) => t.url().startsWith(reflectionUrl), { timeout: 15_000 });
    await lobby.close();
    const reflection = await (await windowOpened).asPage();
    await reflection.waitForSelector('#reflection-text', { timeout: 15_000 });
    console.log('  the reflection window opened');
    await reflection.type('#reflection-text', 'A practice call. Checking in with myself feels good.');
    await shot(reflection, '3-reflection-window');
    await reflection.click('button[type=submit]');
    await reflection.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Saved'), {
      timeout: 15_000,
    });
    console.log('  the entry was saved');
    const journal = await browser.newPage();
    await journal.goto(`chrome-extension://${extensionId}/journal.html`);
    await journal.waitForSelector('.journal-entry', { timeout: 15_000 });
    await shot(journal, '4-journal');
    console.log('  and it is in the journal.\n\nScreenshots:');
    for (const path of shots) console.log(`  ${path}`);
  } finally {
    await browser.close().catch(() => undefined);
    await site.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
