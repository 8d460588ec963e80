/**
 * The check-in window's first paint comes from its HTML, not from its scripts.
 *
 * The build (wxt.config.ts) writes one copy of the window's page for each language in `_locales`
 * and each wording, with the heading and its first line already in it and the page's styles inline.
 * The browser paints those words as soon as the page arrives; the app takes the words over a moment
 * later (components/check-in/ReflectionApp.tsx removes `#check-in-shell` in the same task as it paints its
 * own heading, so nothing flickers). Extension HTML cannot be localized, hence one file per language.
 *
 * Pure string work: the worker uses `checkInShellPath`, the build and the tests the rest.
 */

export const SHELL_ID = 'check-in-shell';

/** The page the worker opens: `language` is the catalogue's own `pageLanguage`. */
export function checkInShellPath(language: string, neutral: boolean): string {
  return `/reflection-${language}${neutral ? '-neutral' : ''}.html`;
}

/** The catalogue keys of the words painted first: the same ones `ReflectionHeading` shows. */
export function shellMessageKeys(neutral: boolean) {
  return neutral
    ? ({ heading: 'reflectionNeutralTitle', intro: 'reflectionNeutralIntro' } as const)
    : ({ heading: 'reflectionTitle', intro: 'reflectionIntro' } as const);
}

type Catalogue = Record<string, { message: string } | undefined>;

/** The built page's one stylesheet link; its path (from the extension's root) is group 1. */
const STYLESHEET_LINK = /<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/;

/** The path of the stylesheet the built check-in page links, to read and inline it. */
export function stylesheetPath(page: string): string {
  const path = STYLESHEET_LINK.exec(page)?.[1];
  if (!path) throw new Error('reflection.html has no stylesheet to inline');
  return path;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function message(catalogue: Catalogue, key: string): string {
  const text = catalogue[key]?.message;
  if (!text) throw new Error(`the catalogue has no "${key}"`);
  return text;
}

/**
 * The check-in page as built (`reflection.html`), made into the shell for one language and
 * wording: its language and title, its stylesheet inline (`css` is that file's text), and the
 * heading before the app's mount point.
 */
export function renderCheckInShell(
  page: string,
  css: string,
  catalogue: Catalogue,
  neutral: boolean,
): string {
  const keys = shellMessageKeys(neutral);
  const mount = '<div id="app"></div>';
  if (!STYLESHEET_LINK.test(page) || !page.includes(mount) || !/<html lang="[^"]*">/.test(page))
    throw new Error('reflection.html no longer has the shape the check-in shell expects');
  if (css.includes('</style')) throw new Error('the check-in styles cannot be inlined');
  const shell =
    `<main id="${SHELL_ID}" class="reflection" aria-busy="true">` +
    `<h1>${escapeHtml(message(catalogue, keys.heading))}</h1>` +
    `<p>${escapeHtml(message(catalogue, keys.intro))}</p></main>`;
  return page
    .replace(/<html lang="[^"]*">/, `<html lang="${escapeHtml(message(catalogue, 'pageLanguage'))}">`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(message(catalogue, 'extName'))}</title>`)
    .replace(STYLESHEET_LINK, () => `<style>${css}</style>`)
    .replace(mount, () => shell + mount);
}
