import { describe, expect, it } from 'vitest';
import { isFromOwnExtensionPage, isPageToBackgroundMessage } from '@/utils/shared/messages';

const ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('messages to the background', () => {
  it('are accepted from our own extension pages, even in a window with a tab', () => {
    expect(isFromOwnExtensionPage({ id: ID, url: `${ORIGIN}popup.html` }, ID, ORIGIN)).toBe(true);
    expect(
      isFromOwnExtensionPage(
        { id: ID, url: `${ORIGIN}reflection.html`, tab: { id: 3 } as never },
        ID,
        ORIGIN,
      ),
    ).toBe(true);
  });

  it('are refused from a web page, a content script or another extension', () => {
    expect(isFromOwnExtensionPage({ id: ID, url: 'https://meet.google.com/abc' }, ID, ORIGIN)).toBe(false);
    expect(isFromOwnExtensionPage({ id: 'other', url: `chrome-extension://other/x.html` }, ID, ORIGIN)).toBe(
      false,
    );
    expect(isFromOwnExtensionPage({ url: `${ORIGIN}popup.html` }, ID, ORIGIN)).toBe(false);
  });

  it('must have a known type', () => {
    expect(isPageToBackgroundMessage({ type: 'page:open-check-in' })).toBe(true);
    expect(isPageToBackgroundMessage({ type: 'page:delete-everything' })).toBe(false);
    expect(isPageToBackgroundMessage('page:open-check-in')).toBe(false);
    expect(isPageToBackgroundMessage(null)).toBe(false);
  });
});
