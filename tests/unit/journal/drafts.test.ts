import { afterEach, describe, expect, it, vi } from 'vitest';
import { openJournalDb } from '@/utils/journal/db';
import { createJournalStore } from '@/utils/journal/store';
import {
  createDraftAutosaver,
  createDraftStore,
  draftIdFor,
  MANUAL_DRAFT_ID,
  type DraftFields,
} from '@/utils/journal/drafts';
import { entryFromDraft, hasSomethingToSave, parseTags } from '@/utils/check-in/entry';

let dbCount = 0;
const freshDb = () => openJournalDb(`draft-test-${++dbCount}`);
const fields = (text: string, extra: Partial<DraftFields> = {}): DraftFields => ({
  kind: 'check-in',
  text,
  ...extra,
});

describe('the draft store', () => {
  it('keeps a draft per session, and one for a check-in of my own', async () => {
    const drafts = createDraftStore(await freshDb(), () => 7);
    expect(draftIdFor('abc')).toBe('session:abc');
    expect(draftIdFor(null)).toBe(MANUAL_DRAFT_ID);
    await drafts.put(draftIdFor('abc'), fields('half a thought', { mood: { value: 2, word: 'Low' } }));
    expect(await drafts.get('session:abc')).toEqual({
      id: 'session:abc',
      updatedAt: 7,
      fields: { kind: 'check-in', text: 'half a thought', mood: { value: 2, word: 'Low' } },
    });
    expect(await drafts.get(MANUAL_DRAFT_ID)).toBeUndefined();
  });

  it('is still there when the database is opened again, as after a restart', async () => {
    const name = `draft-restart-${++dbCount}`;
    const first = await openJournalDb(name);
    await createDraftStore(first).put('manual', fields('Ça va 💛'));
    first.close();
    const again = createDraftStore(await openJournalDb(name));
    expect((await again.get('manual'))?.fields.text).toBe('Ça va 💛');
  });

  it('saving the entry removes the draft in the same step', async () => {
    const db = await freshDb();
    const drafts = createDraftStore(db, () => 99);
    await drafts.put('session:s1', fields('draft words'));
    const entry = await drafts.commit('session:s1', {
      kind: 'reflection',
      text: 'final words',
      sessionId: 's1',
    });
    expect(await drafts.get('session:s1')).toBeUndefined();
    expect(await createJournalStore(db).get(entry.id)).toEqual({
      id: entry.id,
      createdAt: 99,
      updatedAt: 99,
      kind: 'reflection',
      text: 'final words',
      sessionId: 's1',
    });
  });

  it('keeps the draft when the entry cannot be saved (all or nothing)', async () => {
    const db = await freshDb();
    const drafts = createDraftStore(db);
    await drafts.put('manual', fields('please keep me'));
    // An entry IndexedDB cannot store (a function is not cloneable) aborts the whole transaction.
    await expect(
      drafts.commit('manual', { kind: 'check-in', text: 'x', tags: [(() => 1) as never] }),
    ).rejects.toThrow();
    expect((await drafts.get('manual'))?.fields.text).toBe('please keep me');
    expect(await createJournalStore(db).count()).toBe(0);
  });
});

describe('autosaving a draft while I type', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes once after I pause, with the latest words', async () => {
    vi.useFakeTimers();
    const write = vi.fn(async (_fields: DraftFields) => undefined);
    const autosaver = createDraftAutosaver(write, { delayMs: 300 });
    autosaver.schedule(fields('H'));
    autosaver.schedule(fields('He'));
    await vi.advanceTimersByTimeAsync(299);
    expect(write).not.toHaveBeenCalled();
    autosaver.schedule(fields('Hey'));
    await vi.advanceTimersByTimeAsync(300);
    expect(write).toHaveBeenCalledExactlyOnceWith(fields('Hey'));
  });

  it('writes what is pending at once when the window closes', async () => {
    vi.useFakeTimers();
    const write = vi.fn(async (_fields: DraftFields) => undefined);
    const autosaver = createDraftAutosaver(write);
    autosaver.schedule(fields('last words'));
    await autosaver.flush();
    expect(write).toHaveBeenCalledExactlyOnceWith(fields('last words'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(write).toHaveBeenCalledOnce();
  });

  it('writes in order, so an older draft never lands over a newer one', async () => {
    const order: string[] = [];
    let releaseFirst = () => {};
    const write = vi.fn(async (f: DraftFields) => {
      if (f.text === 'old') await new Promise<void>((resolve) => (releaseFirst = resolve));
      order.push(f.text);
    });
    const autosaver = createDraftAutosaver(write);
    autosaver.schedule(fields('old'));
    const first = autosaver.flush();
    autosaver.schedule(fields('new'));
    const second = autosaver.flush();
    await vi.waitFor(() => expect(write).toHaveBeenCalledOnce());
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['old', 'new']);
  });

  it('once stopped for saving, no late autosave brings the draft back', async () => {
    vi.useFakeTimers();
    const write = vi.fn(async (_fields: DraftFields) => undefined);
    const autosaver = createDraftAutosaver(write);
    autosaver.schedule(fields('typed just before saving'));
    await autosaver.stop();
    autosaver.schedule(fields('a keystroke after'));
    await vi.advanceTimersByTimeAsync(1000);
    await autosaver.flush();
    expect(write).not.toHaveBeenCalled();
  });

  it('a failed write is reported and the next one still happens', async () => {
    const onError = vi.fn();
    const write = vi.fn(async (f: DraftFields) => {
      if (f.text === 'bad') throw new Error('disk full');
    });
    const autosaver = createDraftAutosaver(write, { onError });
    autosaver.schedule(fields('bad'));
    await autosaver.flush();
    autosaver.schedule(fields('good'));
    await autosaver.flush();
    expect(onError).toHaveBeenCalledOnce();
    expect(write).toHaveBeenLastCalledWith(fields('good'));
  });
});

describe('turning a draft into an entry', () => {
  it('counts a mood alone as something to save, but not empty boxes', () => {
    expect(hasSomethingToSave(fields('   '))).toBe(false);
    expect(hasSomethingToSave(fields('', { answers: [{ question: 'Q?', answer: '  ' }] }))).toBe(false);
    expect(hasSomethingToSave(fields('', { mood: { value: 3, word: 'Mixed' } }))).toBe(true);
    expect(hasSomethingToSave(fields('', { answers: [{ question: 'Q?', answer: 'yes' }] }))).toBe(true);
  });

  it('keeps only answered questions and trims my words', () => {
    expect(
      entryFromDraft(
        fields('  hello  ', {
          answers: [
            { question: 'What felt good?', answer: ' his laugh ' },
            { question: 'What do I need now?', answer: '' },
          ],
          tags: [],
        }),
      ),
    ).toEqual({
      kind: 'check-in',
      text: 'hello',
      answers: [{ question: 'What felt good?', answer: 'his laugh' }],
    });
  });

  it('reads tags from a comma list', () => {
    expect(parseTags(' Tired, close ,, tired,\nproud ')).toEqual(['tired', 'close', 'proud']);
    expect(parseTags('')).toEqual([]);
  });
});
