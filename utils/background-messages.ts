import { browser, type Browser } from 'wxt/browser';
import { isFromOwnExtensionPage, isPageToBackgroundMessage, type BackgroundReply } from './messages';
import { openCheckInWindow } from './check-in-window';

/** Answers messages from our own pages; anything else is ignored, unanswered. */
export function registerMessageHandler(): void {
  browser.runtime.onMessage.addListener(
    (message: unknown, sender: Browser.runtime.MessageSender): Promise<BackgroundReply> | undefined => {
      if (!isFromOwnExtensionPage(sender, browser.runtime.id, browser.runtime.getURL('/'))) return undefined;
      if (!isPageToBackgroundMessage(message)) return undefined;
      switch (message.type) {
        case 'page:open-check-in':
          return openCheckInWindow().then(
            (): BackgroundReply => ({ ok: true }),
            (error: unknown): BackgroundReply => ({ ok: false, error: String(error) }),
          );
      }
    },
  );
}
