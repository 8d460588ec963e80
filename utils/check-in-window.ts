import { browser } from 'wxt/browser';
import { checkInShellPath } from './check-in-shell';
import { t } from './i18n';

/**
 * The reflection UI is always an extension page in a window of its own, never anything placed in
 * the call site's page: the site could read it.
 */
export const CHECK_IN_WINDOW_SIZE = { width: 460, height: 640 } as const;

/**
 * The check-in page in the language of the catalogue in use and the chosen wording, which shows
 * its heading before its scripts have run (utils/check-in-shell.ts).
 */
export function checkInPageUrl(sessionId?: string, neutral = false): string {
  const query = sessionId ? `?session=${encodeURIComponent(sessionId)}` : '';
  // Written by the build beside reflection.html, so WXT's list of known paths does not name it.
  const getURL = browser.runtime.getURL as (path: string) => string;
  return getURL(`${checkInShellPath(t('pageLanguage'), neutral)}${query}`);
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
