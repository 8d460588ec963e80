// `npm run screenshots`: copies the chosen screenshots from the last end-to-end run into
// docs/screenshots/ for the README. Run it by hand after `npm test`, so the pictures in the README
// are always of the real pages and the repository only changes when someone means it to.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';

/** [made by the test run, shown in the README] */
const CHOSEN = [
  ['artifacts/screenshots/welcome-about.png', 'docs/screenshots/welcome.png'],
  ['artifacts/store/options.png', 'docs/screenshots/options.png'],
  ['artifacts/screenshots/popup-waiting.png', 'docs/screenshots/popup.png'],
  ['artifacts/screenshots/reflection-window.png', 'docs/screenshots/reflection-window.png'],
  ['artifacts/screenshots/journal.png', 'docs/screenshots/journal.png'],
];

const missing = CHOSEN.filter(([from]) => !existsSync(from)).map(([from]) => from);
if (missing.length) {
  console.error(
    `These screenshots are not there yet:\n  ${missing.join('\n  ')}\nRun npm test (or npm run e2e) first.`,
  );
  process.exit(1);
}
mkdirSync('docs/screenshots', { recursive: true });
for (const [from, to] of CHOSEN) {
  copyFileSync(from, to);
  console.log(`${from} -> ${to}`);
}
