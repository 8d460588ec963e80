import { describe, expect, it } from 'vitest';
import { openJournalDb } from '@/utils/journal/db';
import { createJournalStore } from '@/utils/journal/store';
import type { JournalEntry } from '@/utils/journal/db';
import { generatedEntries } from './journal-fixtures';

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

describe('changing and removing entries', () => {
  it('edits what I may change and keeps the rest, id and date included', async () => {
    let clock = 100;
    const store = await freshStore(() => clock);
    const saved = await store.add({ kind: 'check-in', text: 'first words', tags: ['a'] });
    clock = 200;
    const edited = await store.update(saved.id, {
      text: 'better words',
      tags: undefined,
      mood: { value: 3, word: 'Okay' },
    });
    expect(edited).toEqual({
      id: saved.id,
      createdAt: 100,
      updatedAt: 200,
      kind: 'check-in',
      text: 'better words',
      mood: { value: 3, word: 'Okay' },
    });
    expect(await store.get(saved.id)).toEqual(edited);
  });

  it('refuses to edit an entry that is not there', async () => {
    const store = await freshStore();
    await expect(store.update('missing', { text: 'x' })).rejects.toThrow(/missing/);
    expect(await store.count()).toBe(0);
  });

  it('deleting hands the entry back, and undo puts exactly it back', async () => {
    const store = await freshStore();
    const saved = await store.add({
      kind: 'reflection',
      text: 'keep me',
      sessionId: 's',
      answers: [{ question: 'q', answer: 'a' }],
    });
    const removed = await store.remove(saved.id);
    expect(await store.get(saved.id)).toBeUndefined();
    await store.restore(removed!);
    expect(await store.get(saved.id)).toEqual(saved);
  });

  it('lists every entry newest first', async () => {
    let clock = 0;
    const store = await freshStore(() => (clock += 10));
    for (const text of ['a', 'b', 'c']) await store.add({ kind: 'check-in', text });
    expect((await store.all()).map((entry) => entry.text)).toEqual(['c', 'b', 'a']);
  });
});

describe('writing many entries at once', () => {
  it('saves all of them in one go, with drafts, and reports progress', async () => {
    const store = await freshStore();
    const entries = generatedEntries(250);
    const seen: number[] = [];
    await store.putAll(
      entries,
      [{ id: 'manual', updatedAt: 1, fields: { kind: 'check-in', text: 'half' } }],
      {
        onProgress: ({ done }) => seen.push(done),
      },
    );
    expect(await store.count()).toBe(250);
    expect(await store.drafts()).toHaveLength(1);
    expect(seen.at(-1)).toBe(251);
  });

  it('saves none of them when one is broken', async () => {
    const store = await freshStore();
    await store.add({ kind: 'check-in', text: 'already here' });
    const broken = [...generatedEntries(10), { text: 'no id' } as unknown as JournalEntry];
    await expect(store.putAll(broken)).rejects.toBeTruthy();
    expect((await store.all()).map((entry) => entry.text)).toEqual(['already here']);
  });

  it('saves none of them when cancelled midway', async () => {
    const store = await freshStore();
    const controller = new AbortController();
    const promise = store.putAll(generatedEntries(2000), [], {
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done >= 500) controller.abort(new Error('cancelled'));
      },
    });
    await expect(promise).rejects.toThrow('cancelled');
    expect(await store.count()).toBe(0);
  });
});
