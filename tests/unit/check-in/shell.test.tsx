// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/preact';
import { ReflectionHeading } from '@/components/check-in/ReflectionForm';
import { SHELL_ID, checkInShellPath, renderCheckInShell, stylesheetPath } from '@/utils/check-in/shell';
import en from '../../../public/_locales/en/messages.json';
import de from '../../../public/_locales/de/messages.json';

/** The shape of the built reflection.html. */
const BUILT = `<!DOCTYPE html>
<html lang="en">
  <head>
    <title>Aftercare</title>
    <script type="module" crossorigin src="/chunks/reflection-abc.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/reflection-abc.css">
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>`;
const CSS = 'main{color:red}\n';

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('the check-in shell', () => {
  it('is the built page with its language, its heading before the mount point and its styles inline', () => {
    const shell = parse(renderCheckInShell(BUILT, CSS, de, false));
    expect(shell.documentElement.lang).toBe('de');
    expect(shell.querySelector(`#${SHELL_ID} h1`)?.textContent).toBe(de.reflectionTitle.message);
    expect(shell.querySelector(`#${SHELL_ID} p`)?.textContent).toBe(de.reflectionIntro.message);
    expect(shell.querySelector(`#${SHELL_ID}`)?.nextElementSibling?.id).toBe('app');
    expect(shell.querySelector('style')?.textContent).toBe(CSS);
    expect(shell.querySelector('link[rel="stylesheet"]')).toBeNull();
    // The scripts are the built page's, untouched.
    expect(shell.querySelector('script')?.getAttribute('src')).toBe('/chunks/reflection-abc.js');
  });

  it('has a neutral wording of its own, and a page name for each', () => {
    const shell = parse(renderCheckInShell(BUILT, CSS, en, true));
    expect(shell.querySelector('h1')?.textContent).toBe(en.reflectionNeutralTitle.message);
    expect(checkInShellPath('en', true)).toBe('/reflection-en-neutral.html');
    expect(checkInShellPath('de', false)).toBe('/reflection-de.html');
  });

  it('shows exactly the words the app then shows in the same place', () => {
    for (const neutral of [false, true]) {
      const shell = parse(renderCheckInShell(BUILT, CSS, en, neutral)).getElementById(SHELL_ID)!;
      const { container, unmount } = render(<ReflectionHeading neutral={neutral} />);
      expect([...container.children].map((child) => [child.tagName, child.textContent])).toEqual(
        [...shell.children].map((child) => [child.tagName, child.textContent]),
      );
      unmount();
    }
  });

  it('escapes what it writes into the page', () => {
    const catalogue = { ...en, reflectionTitle: { message: '<b>"you" & me</b>' } };
    const html = renderCheckInShell(BUILT, CSS, catalogue, false);
    expect(html).toContain('&lt;b&gt;&quot;you&quot; &amp; me&lt;/b&gt;');
    expect(parse(html).querySelector('h1 b')).toBeNull();
  });

  it('names the stylesheet the built page links, for the build to inline', () => {
    expect(stylesheetPath(BUILT)).toBe('assets/reflection-abc.css');
    expect(() => stylesheetPath(BUILT.replace(/<link[^>]*>/, ''))).toThrow();
  });

  it('refuses a page of another shape rather than write a broken one', () => {
    expect(() => renderCheckInShell(BUILT.replace('<div id="app"></div>', ''), CSS, en, false)).toThrow();
    expect(() => renderCheckInShell(BUILT.replace(/<link[^>]*>/, ''), CSS, en, false)).toThrow();
    expect(() => renderCheckInShell(BUILT, 'a{}</style><script>', en, false)).toThrow();
    expect(() => renderCheckInShell(BUILT, CSS, { ...en, reflectionTitle: undefined }, false)).toThrow();
  });
});
