import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';

describe('the background entry point', () => {
  it('registers its listeners synchronously, so the browser can wake the worker for them', () => {
    const result = background.main();
    expect(result).toBeUndefined(); // not a promise: nothing is awaited before listeners exist
    expect(fakeBrowser.tabs.onRemoved.hasListeners()).toBe(true);
    expect(fakeBrowser.tabs.onUpdated.hasListeners()).toBe(true);
    expect(fakeBrowser.runtime.onStartup.hasListeners()).toBe(true);
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(true);
  });
});
