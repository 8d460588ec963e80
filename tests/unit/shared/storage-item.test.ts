import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineStorageItem } from '@/utils/shared/storage-item';

describe('a storage item', () => {
  it('reads its fallback when nothing is stored, and never hands out the fallback itself', async () => {
    const item = defineStorageItem<{ list: string[] }>('local:things', { fallback: { list: [] } });
    const first = await item.getValue();
    first.list.push('changed');
    expect(await item.getValue()).toEqual({ list: [] });
  });

  it('stores its version beside the value, as @wxt-dev/storage did', async () => {
    const item = defineStorageItem('local:count', { fallback: 0, version: 3 });
    await item.setValue(7);
    expect(await fakeBrowser.storage.local.get(['count', 'count$'])).toEqual({ count: 7, count$: { v: 3 } });
  });

  it('migrates an older stored value step by step, once, and keeps it', async () => {
    await fakeBrowser.storage.local.set({ shape: { n: 1 }, shape$: { v: 1 } });
    const migrate2 = vi.fn((old: unknown) => ({ ...(old as object), two: true }));
    const migrate3 = vi.fn((old: unknown) => ({ ...(old as object), three: true }));
    const item = defineStorageItem('local:shape', {
      fallback: {},
      version: 3,
      migrations: { 2: migrate2, 3: migrate3 },
    });
    expect(await item.getValue()).toEqual({ n: 1, two: true, three: true });
    expect(await item.getValue()).toEqual({ n: 1, two: true, three: true });
    expect(migrate2).toHaveBeenCalledOnce();
    expect(await fakeBrowser.storage.local.get('shape$')).toEqual({ shape$: { v: 3 } });
  });

  it('tells watchers about changes in its own area and key only', async () => {
    const item = defineStorageItem('session:flag', { fallback: false });
    const seen: boolean[] = [];
    const unwatch = item.watch((value) => seen.push(value));
    await fakeBrowser.storage.local.set({ flag: true });
    await item.setValue(true);
    await item.removeValue();
    unwatch();
    await item.setValue(true);
    expect(seen).toEqual([true, false]);
  });
});
