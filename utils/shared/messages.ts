import { browser, type Browser } from 'wxt/browser';
import { isRecord } from './validation';

/**
 * The one message protocol between extension pages and the background. Names say the direction:
 * everything here goes from a page to the background.
 */
export type PageToBackgroundMessage =
  | { type: 'page:open-check-in' }
  /** Take a check-in kept for later (missed, waiting, or a follow-up). */
  | { type: 'page:take-check-in'; sessionId: string }
  | { type: 'page:dismiss-check-in'; sessionId: string }
  /** "I just finished a session". */
  | { type: 'page:finished-session' }
  | { type: 'page:set-intention'; sessionId: string; text: string };

export type BackgroundReply = { ok: true } | { ok: false; error: string };

export function isPageToBackgroundMessage(value: unknown): value is PageToBackgroundMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'page:open-check-in':
    case 'page:finished-session':
      return true;
    case 'page:take-check-in':
    case 'page:dismiss-check-in':
      return typeof value.sessionId === 'string';
    case 'page:set-intention':
      return typeof value.sessionId === 'string' && typeof value.text === 'string';
    default:
      return false;
  }
}

/**
 * Only our own extension pages may talk to the background. A content script's sender URL is the
 * web page's, another extension has another id, and web pages cannot reach us at all (no
 * externally_connectable). Extension pages in windows do have a `tab`, so that is not checked.
 */
export function isFromOwnExtensionPage(
  sender: Browser.runtime.MessageSender,
  runtimeId: string,
  extensionOrigin: string,
): boolean {
  return sender.id === runtimeId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

export function sendToBackground(message: PageToBackgroundMessage): Promise<BackgroundReply> {
  return browser.runtime.sendMessage(message) as Promise<BackgroundReply>;
}
