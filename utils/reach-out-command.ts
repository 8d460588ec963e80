import { browser } from 'wxt/browser';
import { isAllowedContactUrl } from './contact-links';
import { contactClock, contactLink, contactsInOrder, needsConfirmation } from './contacts';
import { getReachOut } from './storage-items';

/** The keyboard shortcut's name in the manifest's `commands`. */
export const MESSAGE_FIRST_CONTACT_COMMAND = 'message-first-contact';

export const REACH_OUT_WINDOW_SIZE = { width: 420, height: 620 } as const;

/**
 * The shortcut opens the first contact's conversation straight away when that is plainly fine: the
 * link was already shown in settings (and for a custom link, confirmed once), and it is within
 * their usual hours. Otherwise it opens the "Reach out" window, which says why and lets the user
 * choose. Either way Aftercare only opens a link; it never sends anything.
 */
export async function messageFirstContact(now: Date = new Date()): Promise<'opened' | 'window'> {
  const data = await getReachOut();
  const first = contactsInOrder(data)[0];
  const link = first ? contactLink(first) : undefined;
  if (
    first &&
    link?.ok &&
    isAllowedContactUrl(link.url) &&
    !needsConfirmation(first, link.url) &&
    contactClock(first, now).reachable
  ) {
    await browser.tabs.create({ url: link.url });
    return 'opened';
  }
  await browser.windows.create({
    url: browser.runtime.getURL('/reach-out.html'),
    type: 'popup',
    focused: true,
    ...REACH_OUT_WINDOW_SIZE,
  });
  return 'window';
}

export function registerReachOutCommand(): void {
  browser.commands.onCommand.addListener((command: string) => {
    if (command === MESSAGE_FIRST_CONTACT_COMMAND) void messageFirstContact();
  });
}
