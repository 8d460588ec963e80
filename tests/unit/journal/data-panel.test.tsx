// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/preact';
import { JournalDataPanel } from '@/components/journal/JournalDataPanel';
import { openJournalDb } from '@/utils/journal/db';
import { createJournalStore } from '@/utils/journal/store';
import { exportJson } from '@/utils/journal/export';
import { NOW, sampleEntries } from './journal-fixtures';

let dbCount = 0;
async function setUp() {
  const store = createJournalStore(await openJournalDb(`panel-test-${++dbCount}`));
  await store.putAll(sampleEntries().slice(0, 2));
  const entries = await store.all();
  const onChanged = vi.fn(async () => undefined);
  render(<JournalDataPanel store={store} entries={entries} onChanged={onChanged} onErased={vi.fn()} />);
  return { store, entries, onChanged };
}

const choose = (name: string, text: string, type = 'application/json') =>
  fireEvent.change(screen.getByLabelText('Choose a file'), {
    target: { files: [new File([text], name, { type })] },
  });

describe('bringing a file into my journal', () => {
  it('a cut-off backup gets a kind, clear error and changes nothing', async () => {
    const { store, entries } = await setUp();
    const text = await exportJson(sampleEntries(), [], NOW);
    choose('backup.json', text.slice(0, 200));
    expect((await screen.findByRole('alert')).textContent).toBe(
      "This file isn't complete JSON; it may have been cut off. Nothing was changed.",
    );
    expect(screen.queryByRole('button', { name: 'Add them to my journal' })).toBeNull();
    expect(await store.all()).toEqual(entries);
  });

  it('shows what a backup holds before anything changes, then adds it', async () => {
    const { store, onChanged } = await setUp();
    choose('backup.json', await exportJson(sampleEntries(), [], NOW));
    await screen.findByText(
      'This file holds 4 entries: 2 new, 0 newer versions of entries you have, 2 already in your journal.',
    );
    expect(await store.count()).toBe(2);
    fireEvent.click(screen.getByRole('button', { name: 'Add them to my journal' }));
    await screen.findByText('Done: 2 added, 0 updated.');
    expect(await store.count()).toBe(4);
    expect(onChanged).toHaveBeenCalled();
  });

  it('a CSV that is not from Daylio is refused', async () => {
    const { store, entries } = await setUp();
    choose('people.csv', 'name,email\nSam,sam@example.invalid', 'text/csv');
    expect((await screen.findByRole('alert')).textContent).toContain("isn't a Daylio export");
    expect(await store.all()).toEqual(entries);
  });
});

describe('delete everything', () => {
  it('asks for an explicit confirmation first', async () => {
    await setUp();
    fireEvent.click(screen.getByRole('button', { name: 'Delete everything…' }));
    const confirm = screen.getByRole<HTMLButtonElement>('button', { name: 'Yes, delete everything' });
    expect(confirm.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('I understand everything will be gone for good.'));
    expect(confirm.disabled).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Keep everything' }));
    expect(screen.queryByRole('button', { name: 'Yes, delete everything' })).toBeNull();
  });
});
