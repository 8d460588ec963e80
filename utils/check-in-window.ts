import { browser } from 'wxt/browser';

/**
 * The reflection UI is always an extension page in a window of its own, never anything placed in
 * the call site's page: the site could read it.
 */
export const CHECK_IN_WINDOW_SIZE = { width: 460, height: 640 } as const;

export function checkInPageUrl(sessionId?: string): string {
  const query = sessionId ? `?session=${encodeURIComponent(sessionId)}` : '';
  return browser.runtime.getURL(`/reflection.html${query}`);
}

export async function openCheckInWindow(sessionId?: string): Promise<void> {
  await browser.windows.create({
    url: checkInPageUrl(sessionId),
    type: 'popup',
    focused: true,
    ...CHECK_IN_WINDOW_SIZE,
  });
}
