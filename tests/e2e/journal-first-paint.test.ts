import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the journal page loads before it can show its newest entries: its script and every module
 * that script imports statically (read from the built files, as a browser follows them). The
 * passphrase lock's crypto, the charts and the import/export panel come later, in chunks of their
 * own, and the lock's code only for a journal that has the lock on.
 */
function staticGraph(dir: string, page: string): Map<string, string> {
  const html = readFileSync(join(dir, page), 'utf8');
  const scripts = [...html.matchAll(/<script type="module"[^>]* src="\/([^"]+)"/g)].map((m) => m[1]!);
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(join(dir, file), 'utf8');
    seen.set(file, text);
    // Static imports only (`import{…}from"./x.js"`, `import"./x.js"`), never `import("./x.js")`.
    for (const m of text.matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([\w.-]+\.js)["']/g)) {
      visit(join(file.slice(0, file.lastIndexOf('/') + 1), m[1]!));
    }
  };
  scripts.forEach(visit);
  return seen;
}

describe('the journal page before its first entries are shown', () => {
  for (const build of ['chrome-mv3', 'firefox-mv3']) {
    const dir = join('.output', build);
    it.skipIf(!existsSync(join(dir, 'journal.html')))(
      `loads no crypto, charts, import/export or storage library (${build})`,
      () => {
        const graph = staticGraph(dir, 'journal.html');
        // Its own script and the pages' shared base (wxt.config.ts: PAGE_BASE_MODULES): each
        // more file is one more request before the page can run.
        expect([...graph.keys()].map((file) => file.replace(/-[\w-]{8}\.js$/, ''))).toEqual([
          'chunks/journal',
          'chunks/page-base',
        ]);
        const holding = (pattern: RegExp) =>
          [...graph].filter(([, text]) => pattern.test(text)).map(([f]) => f);
        expect(holding(/PBKDF2|deriveKey|ECDH/)).toEqual([]);
        // The charts (an SVG path builder) and the import/export panel's parser.
        expect(holding(/aftercare-journal/)).toEqual([]);
        // @wxt-dev/storage arrives with the persistence request, after the first page.
        expect(holding(/Storage key should be in the form/)).toEqual([]);
      },
    );
  }
});
