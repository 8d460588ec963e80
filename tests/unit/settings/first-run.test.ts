import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { WELCOME_PATH, registerFirstRun, shouldOpenWelcome, stepFromHash } from '@/utils/settings/first-run';

describe('the first-run guide', () => {
  it('opens in a tab of its own when Aftercare is first installed', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    registerFirstRun();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]![0]).toEqual({ url: fakeBrowser.runtime.getURL(WELCOME_PATH) });
  });

  it('stays closed after an update or a browser update', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    registerFirstRun();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'chrome_update' });
    expect(create).not.toHaveBeenCalled();
    expect(shouldOpenWelcome({ reason: 'shared_module_update' })).toBe(false);
  });

  it('is wired by the background in its first turn', () => {
    background.main();
    expect(fakeBrowser.runtime.onInstalled.hasListeners()).toBe(true);
  });
});

describe('the first-run steps', () => {
  it('each step can be opened again by its address, and anything else starts at the beginning', () => {
    expect(stepFromHash('#contact')).toBe('contact');
    expect(stepFromHash('practice')).toBe('practice');
    expect(stepFromHash('')).toBe('about');
    expect(stepFromHash('#__proto__')).toBe('about');
    // A step that is not on offer (say, no passphrase yet) is never shown.
    expect(stepFromHash('#lock', ['about', 'sites', 'practice'])).toBe('about');
  });
});
