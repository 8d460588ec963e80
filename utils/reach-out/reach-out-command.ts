import { browser } from 'wxt/browser';

/** The keyboard shortcut's name in the manifest's `commands`. */
export const MESSAGE_FIRST_CONTACT_COMMAND = 'message-first-contact';

export const REACH_OUT_WINDOW_SIZE = { width: 420, height: 620 } as const;

/**
 * The shortcut opens the small "Reach out" window with the first contact's button ready (Enter
 * opens the conversation). The user always sees where the link goes and, when it is the middle of
 * the night for that person, a kind word first. Deciding that in the window rather than here also
 * keeps the contact code out of the service worker, which every wake-up has to load.
 */
export async function openReachOutWindow(): Promise<void> {
  await browser.windows.create({
    url: browser.runtime.getURL('/reach-out.html'),
    type: 'popup',
    focused: true,
    ...REACH_OUT_WINDOW_SIZE,
  });
}

export function registerReachOutCommand(): void {
  browser.commands.onCommand.addListener((command: string) => {
    if (command === MESSAGE_FIRST_CONTACT_COMMAND) void openReachOutWindow();
  });
}
