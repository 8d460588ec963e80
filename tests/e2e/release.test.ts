import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { zipEntries } from './zip-entries';

/** What the stores receive: run after `npm run zip` (npm test does that first). */
const version = pkg.version;
const zipPath = (name: string) => `.output/aftercare-${version}-${name}.zip`;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): [number, number] {
  const png = readFileSync(path);
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

interface Manifest {
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string> };
}

describe.each(['chrome-mv3', 'firefox-mv3'])('the %s package', (build) => {
  const manifest: Manifest = JSON.parse(readFileSync(`.output/${build}/manifest.json`, 'utf8'));

  it('has an icon at every size the stores ask for (Chrome 16/32/48/128, Firefox 48/96), each really that size', () => {
    expect(Object.keys(manifest.icons ?? {}).sort()).toEqual(['128', '16', '32', '48', '96']);
    for (const [size, file] of Object.entries(manifest.icons ?? {}))
      expect(pngSize(`.output/${build}/${file}`), file).toEqual([Number(size), Number(size)]);
    expect(Object.keys(manifest.action?.default_icon ?? {}).sort()).toEqual(['16', '32', '48']);
    for (const file of Object.values(manifest.action?.default_icon ?? {}))
      expect(existsSync(`.output/${build}/${file}`), file).toBe(true);
  });
});

describe('npm run zip', () => {
  it('packs Chrome and Firefox, each with its manifest, welcome page and both languages', () => {
    for (const name of ['chrome', 'firefox']) {
      expect(existsSync(zipPath(name)), `${zipPath(name)} (run npm run zip)`).toBe(true);
      const entries = zipEntries(zipPath(name));
      expect(entries).toEqual(
        expect.arrayContaining([
          'manifest.json',
          'welcome.html',
          '_locales/en/messages.json',
          '_locales/de/messages.json',
        ]),
      );
      expect(entries.filter((entry) => /bench-|\.map$/.test(entry))).toEqual([]);
    }
  });

  it("gives Firefox's reviewers the sources that build it, without tests, artifacts, benchmarks or logs", () => {
    const entries = zipEntries(zipPath('sources'));
    expect(entries).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'package.json',
        'package-lock.json',
        'wxt.config.ts',
        'entrypoints/background.ts',
      ]),
    );
    const unwanted = entries.filter((entry) =>
      /^(tests|bench|artifacts|\.output|docs|store)\/|\.log$|vitest.*\.config\.ts$|^scripts\/(test|bench)\.mjs$|\.test\.tsx?$/.test(
        entry,
      ),
    );
    expect(unwanted).toEqual([]);
  });
});

describe('the store listings', () => {
  it.each(['en', 'de'])(
    'in %s: a short description within 132 characters, honest about privacy and about what Aftercare is not',
    (lang) => {
      const text = readFileSync(`store/description-${lang}.md`, 'utf8');
      const short = /## (?:Short description|Kurzbeschreibung)[^\n]*\n\n([^\n]+)\n/.exec(text)?.[1] ?? '';
      expect(short.length).toBeGreaterThan(20);
      expect(short.length).toBeLessThanOrEqual(132);
      expect(text).toMatch(
        lang === 'en' ? /not therapy.*not an emergency service/s : /keine Therapie.*kein Notdienst/s,
      );
      expect(text).toMatch(lang === 'en' ? /Nothing leaves your device/ : /Nichts verlässt dein Gerät/);
    },
  );
});
