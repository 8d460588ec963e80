// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { openJournalDb, type AftercareDb } from '@/utils/journal/db';
import { createJournalStore } from '@/utils/journal/store';
import { sampleEntries } from './journal-fixtures';

// The journal's database arrives when the test says so: until then only the first page is there.
let openDatabase: (db: AftercareDb) => void = () => undefined;
const database = new Promise<AftercareDb>((resolve) => {
  openDatabase = resolve;
});
vi.mock('@/utils/journal/db', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/utils/journal/db')>()),
  sharedJournalDb: () => database,
}));

const { JournalApp } = await import('@/components/journal/JournalApp');

describe('the journal while it is still reading every entry', () => {
  it('holds the places of the count, the filters and the trends, and fills them in once all is read', async () => {
    const entries = sampleEntries();
    const db = await openJournalDb('journal-app-test');
    await createJournalStore(db).putAll(entries);
    const firstPage = [...entries].sort((a, b) => b.createdAt - a.createdAt).slice(0, 2);
    const { container } = render(<JournalApp takeFirstPage={() => firstPage} />);

    // Everything that waits for the rest already has its place, so nothing moves when it arrives.
    const count = container.querySelector('.journal-count')!;
    expect(count.textContent).toBe('');
    const search = screen.getByLabelText('Search my journal') as HTMLInputElement;
    expect(search.closest('fieldset')!.disabled).toBe(true);
    const toggle = screen.getByRole('button', { name: 'How things have been' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelectorAll('.journal-entry')).toHaveLength(2);

    // Opened early, the trends say kindly that they are coming.
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText(/Still reading all your entries/).getAttribute('role')).toBe('status');

    openDatabase(db);
    await waitFor(() => expect(count.textContent).toBe(`${entries.length} entries`));
    expect(search.closest('fieldset')!.disabled).toBe(false);
    await waitFor(() => expect(container.querySelectorAll('#trends-body figure')).toHaveLength(4));
    expect(screen.queryByText(/Still reading all your entries/)).toBeNull();

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect((container.querySelector('#trends-body') as HTMLElement).hidden).toBe(true);
    db.close();
  });
});
