import { describe, expect, it } from 'vitest';
import { openJournalDb } from '@/utils/journal-db';
import { createJournalStore } from '@/utils/journal-store';

let dbCount = 0;
const freshStore = async (now?: () => number) =>
  createJournalStore(await openJournalDb(`journal-test-${++dbCount}`), now);

describe('the journal store', () => {
  it('keeps what I write, with the session it came from', async () => {
    const store = await freshStore(() => 42);
    const saved = await store.add({
      kind: 'reflection',
      text: 'Felt close to him.',
      sessionId: 's1',
      siteId: 'practice',
    });
    expect(await store.get(saved.id)).toEqual({
      id: saved.id,
      createdAt: 42,
      updatedAt: 42,
      kind: 'reflection',
      text: 'Felt close to him.',
      sessionId: 's1',
      siteId: 'practice',
    });
  });

  it('lists entries newest first, as many as asked', async () => {
    let clock = 0;
    const store = await freshStore(() => ++clock);
    for (const text of ['first', 'second', 'third']) await store.add({ kind: 'check-in', text });
    expect((await store.newest(2)).map((entry) => entry.text)).toEqual(['third', 'second']);
    expect(await store.count()).toBe(3);
  });

  it('keeps emoji and other scripts exactly', async () => {
    const store = await freshStore();
    const text = 'Ça va 💛 — 大丈夫';
    const saved = await store.add({ kind: 'check-in', text });
    expect((await store.get(saved.id))?.text).toBe(text);
  });
});
