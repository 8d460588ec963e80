import { browser, type Browser } from 'wxt/browser';
import { isFromOwnExtensionPage, isPageToBackgroundMessage, type BackgroundReply } from './messages';
import { openCheckInWindow } from '../check-in/window';
import { getSettings } from '../settings/settings';
import type { SessionWatcher } from '../detection/session-watcher';

const reply = (work: Promise<unknown>): Promise<BackgroundReply> =>
  work.then(
    (): BackgroundReply => ({ ok: true }),
    (error: unknown): BackgroundReply => ({ ok: false, error: String(error) }),
  );

/** Answers messages from our own pages; anything else is ignored, unanswered. */
export function registerMessageHandler(watcher?: SessionWatcher): void {
  browser.runtime.onMessage.addListener(
    (message: unknown, sender: Browser.runtime.MessageSender): Promise<BackgroundReply> | undefined => {
      if (!isFromOwnExtensionPage(sender, browser.runtime.id, browser.runtime.getURL('/'))) return undefined;
      if (!isPageToBackgroundMessage(message)) return undefined;
      switch (message.type) {
        case 'page:open-check-in':
          return reply(
            getSettings().then((settings) =>
              openCheckInWindow(undefined, settings.reflection.neutralWording),
            ),
          );
        case 'page:finished-session':
          return watcher ? reply(watcher.finishedByUser()) : undefined;
        case 'page:take-check-in':
          return watcher ? reply(watcher.takeCheckIn(message.sessionId)) : undefined;
        case 'page:dismiss-check-in':
          return watcher ? reply(watcher.dismissCheckIn(message.sessionId)) : undefined;
        case 'page:set-intention':
          return watcher ? reply(watcher.setIntention(message.sessionId, message.text)) : undefined;
      }
    },
  );
}
