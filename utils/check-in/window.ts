import { browser } from 'wxt/browser';
import { checkInShellPath } from './shell';
import { t } from '../shared/i18n';
import { defineStorageItem } from '../shared/storage-item';

/**
 * The reflection UI is always an extension page in a window of its own, never anything placed in
 * the call site's page: the site could read it.
 */
export const CHECK_IN_WINDOW_SIZE = { width: 460, height: 640 } as const;

/**
 * The catalogue's `pageLanguage`, kept in `storage.session`, which the browser empties as it
 * restarts and as Aftercare is updated or reloaded: the only times the catalogue can change. In a
 * freshly started worker the first message asked for loads the whole catalogue, a synchronous call
 * into the browser that held the worker 4 to 7 ms as a call's tab closed (headless Chromium, two
 * cores); the worker reads this with its other storage instead. (`i18n.getUILanguage()` answers at
 * once, but not always with the catalogue's language: `en-US` in headless Chromium run with
 * `--lang=de`, whose catalogue is German.)
 */
export const pageLanguageItem = defineStorageItem<string | null>('session:page-language', {
  fallback: null,
});
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
let knownLanguage: string | null = null;

/** The page language read from `pageLanguageItem` (anything else stored there is ignored). */
export function knowPageLanguage(language: unknown): void {
  if (typeof language === 'string' && LANGUAGE_TAG.test(language)) knownLanguage = language;
}

/** Reads the kept page language, once in a worker's life: after that it is known. */
export async function learnPageLanguage(): Promise<void> {
  if (!knownLanguage) knowPageLanguage(await pageLanguageItem.getValue());
}

function pageLanguage(): string {
  if (knownLanguage) return knownLanguage;
  knownLanguage = t('pageLanguage');
  void pageLanguageItem.setValue(knownLanguage).catch(() => undefined);
  return knownLanguage;
}

/**
 * The check-in page in the language of the catalogue in use and the chosen wording, which shows
 * its heading before its scripts have run (utils/check-in/shell.ts).
 */
export function checkInPageUrl(sessionId?: string, neutral = false): string {
  const query = sessionId ? `?session=${encodeURIComponent(sessionId)}` : '';
  // Written by the build beside reflection.html, so WXT's list of known paths does not name it.
  const getURL = browser.runtime.getURL as (path: string) => string;
  return getURL(`${checkInShellPath(pageLanguage(), neutral)}${query}`);
}

/** Opens the check-in window; resolves with its id, so that its closing can be recognised. */
export async function openCheckInWindow(sessionId?: string, neutral = false): Promise<number | undefined> {
  const created = await browser.windows.create({
    url: checkInPageUrl(sessionId, neutral),
    type: 'popup',
    focused: true,
    ...CHECK_IN_WINDOW_SIZE,
  });
  return created?.id;
}
