import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

afterEach(() => {
  vi.resetModules();
  vi.restoreAllMocks();
});

/** The module as a freshly started worker has it: nothing known yet. */
const freshWorker = () => import('@/utils/check-in/window');

describe("the check-in page's language", () => {
  it("is asked of the catalogue once, and kept for the browser's run", async () => {
    const { checkInPageUrl, pageLanguageItem } = await freshWorker();
    const getMessage = vi.spyOn(fakeBrowser.i18n, 'getMessage');
    expect(checkInPageUrl('s1')).toMatch(/\/reflection-en\.html\?session=s1$/);
    expect(getMessage).toHaveBeenCalledExactlyOnceWith('pageLanguage', undefined);
    await vi.waitFor(async () => expect(await pageLanguageItem.getValue()).toBe('en'));
  });

  it('comes from what was kept, without loading the catalogue, in a worker started later', async () => {
    await fakeBrowser.storage.session.set({ 'page-language': 'de' });
    const { checkInPageUrl, knowPageLanguage, pageLanguageItem } = await freshWorker();
    const getMessage = vi.spyOn(fakeBrowser.i18n, 'getMessage');
    knowPageLanguage(await pageLanguageItem.getValue());
    expect(checkInPageUrl('s1', true)).toMatch(/\/reflection-de-neutral\.html\?session=s1$/);
    expect(getMessage).not.toHaveBeenCalled();
  });

  it('is read from storage once in a worker, not with every event', async () => {
    await fakeBrowser.storage.session.set({ 'page-language': 'de' });
    const { learnPageLanguage } = await freshWorker();
    const get = vi.spyOn(fakeBrowser.storage.session, 'get');
    await learnPageLanguage();
    await learnPageLanguage();
    expect(get).toHaveBeenCalledOnce();
  });

  it('ignores anything else kept there, and asks the catalogue', async () => {
    const { checkInPageUrl, knowPageLanguage } = await freshWorker();
    for (const odd of ['../popup', 'de/../../x', '', 42, null, { de: 1 }]) knowPageLanguage(odd);
    expect(checkInPageUrl()).toMatch(/\/reflection-en\.html$/);
  });
});
