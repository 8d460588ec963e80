import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerMessageHandler } from '@/utils/shared/background-messages';

const OWN_PAGE = `chrome-extension://${fakeBrowser.runtime.id}/journal.html`;

/** Delivers a message as the browser would, and returns what the background answered. */
async function deliver(
  message: unknown,
  sender: Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1],
) {
  const replies = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => undefined);
  return Promise.all(replies);
}

describe('the background message handler, as wired', () => {
  it('opens a check-in window when our own page asks', async () => {
    registerMessageHandler();
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    expect(
      await deliver({ type: 'page:open-check-in' }, { id: fakeBrowser.runtime.id, url: OWN_PAGE }),
    ).toEqual([{ ok: true }]);
    expect(create).toHaveBeenCalledOnce();
  });

  it.each([
    [
      'a call site, through a content script',
      { id: fakeBrowser.runtime.id, url: 'https://meet.google.com/abc' },
    ],
    ['another extension', { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' }],
    ['another extension claiming our page', { id: 'someone-else', url: OWN_PAGE }],
    ['a sender with no id', { url: OWN_PAGE }],
    ['a sender with no url', { id: fakeBrowser.runtime.id }],
  ])('ignores a message from %s, answering nothing and doing nothing', async (_who, sender) => {
    registerMessageHandler();
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    expect(await deliver({ type: 'page:open-check-in' }, sender)).toEqual([undefined]);
    expect(create).not.toHaveBeenCalled();
  });

  it('ignores an unknown message from our own page', async () => {
    registerMessageHandler();
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    expect(
      await deliver({ type: 'page:delete-everything' }, { id: fakeBrowser.runtime.id, url: OWN_PAGE }),
    ).toEqual([undefined]);
    expect(create).not.toHaveBeenCalled();
  });
});
