// `npm test`: every check the project has, in order, then one plain closing line that CI reads:
// `N passed, N failed`. Each tool check (type check, lint, builds, web-ext lint) counts as one;
// each vitest test counts as one. A step that cannot run (say, no build for the end-to-end tests)
// counts as failed, never as skipped silently.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const REPORT_DIR = 'artifacts/test-reports';
rmSync(REPORT_DIR, { recursive: true, force: true });
mkdirSync(REPORT_DIR, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];
const started = Date.now();

/** Runs a tool from node_modules/.bin directly: faster than npx, and no npm chatter in the log. */
function run(tool, args, options = {}) {
  const command = join('node_modules', '.bin', process.platform === 'win32' ? `${tool}.cmd` : tool);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    ...options,
  });
  return result.status === 0;
}

function check(name, command, args, options) {
  console.log(`\n── ${name} ──`);
  const t0 = Date.now();
  const ok = run(command, args, options);
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
  return ok;
}

function vitest(name, extraArgs) {
  console.log(`\n── ${name} ──`);
  const report = join(REPORT_DIR, `${name.replace(/\W+/g, '-')}.json`);
  const ok = run('vitest', [
    'run',
    ...extraArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  if (!existsSync(report)) {
    failed++;
    failures.push(`${name}: did not run`);
    return;
  }
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed += summary.numPassedTests;
  failed += summary.numFailedTests;
  // A file that fails to load has no tests to count: count the file itself.
  const brokenFiles = summary.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  );
  failed += brokenFiles.length;
  for (const file of summary.testResults) {
    for (const test of file.assertionResults)
      if (test.status === 'failed') failures.push(`${name}: ${test.fullName}`);
  }
  for (const file of brokenFiles) failures.push(`${name}: ${file.name} did not load`);
  if (!ok && summary.numFailedTests === 0 && brokenFiles.length === 0) {
    failed++;
    failures.push(`${name}: vitest exited with an error`);
  }
}

check('type check (tsc --noEmit)', 'tsc', ['--noEmit']);
check('lint (eslint)', 'eslint', ['.', '--max-warnings=0']);
check('format (prettier --check)', 'prettier', ['--check', '.', '--log-level=warn']);
vitest('unit tests', []);
// `wxt zip` builds and then packs: the store packages (and Firefox's sources zip) are what the
// release test reads (tests/e2e/release.test.ts).
const chrome = check('build and zip for Chrome', 'wxt', ['zip', '-b', 'chrome']);
const firefox = check('build and zip for Firefox (with its sources zip)', 'wxt', [
  'zip',
  '-b',
  'firefox',
  '--mv3',
]);
const practice = check('build the practice variant (end-to-end tests)', 'wxt', [
  'build',
  '-b',
  'chrome',
  '--mode',
  'practice',
]);
// Firefox gets its own practice variant for its end-to-end journey (tests/e2e/firefox.test.ts).
const firefoxPractice = check('build the Firefox practice variant (end-to-end tests)', 'wxt', [
  'build',
  '-b',
  'firefox',
  '--mv3',
  '--mode',
  'practice',
]);
if (firefox) {
  check('web-ext lint on the Firefox build (0 errors)', 'web-ext', [
    'lint',
    '--source-dir',
    '.output/firefox-mv3',
    '--self-hosted',
    '--no-config-discovery',
  ]);
} else {
  failed++;
  failures.push('web-ext lint: no Firefox build');
}
if (chrome && firefox && practice && firefoxPractice)
  vitest('end-to-end tests', ['--config', 'vitest.e2e.config.ts']);
else {
  failed++;
  failures.push('end-to-end tests: a build failed, so they could not run');
}

console.log(`\nFinished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
if (failures.length) console.log(`Failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
