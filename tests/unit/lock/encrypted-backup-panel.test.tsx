// @vitest-environment happy-dom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { JournalDataPanel } from '@/components/journal/JournalDataPanel';
import { openJournalDb } from '@/utils/journal/db';
import { createJournalStore } from '@/utils/journal/store';
import { exportEncryptedJson } from '@/utils/journal/export';
import { NOW, sampleEntries } from '../journal/journal-fixtures';

const downloads = vi.hoisted(() => [] as { name: string; text: string }[]);
vi.mock('@/components/journal/download-file', () => ({
  downloadFile: (name: string, _type: string, text: string) => void downloads.push({ name, text }),
}));

let dbCount = 0;
async function setUp(entries = sampleEntries()) {
  const store = createJournalStore(await openJournalDb(`sealed-panel-test-${++dbCount}`));
  await store.putAll(entries);
  const view = render(
    <JournalDataPanel
      store={store}
      entries={await store.all()}
      onChanged={vi.fn(async () => undefined)}
      onErased={vi.fn()}
    />,
  );
  return { store, view };
}

const type = (label: string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('saving an encrypted backup from the journal page', () => {
  it('is the first way offered, and asks for the passphrase twice', async () => {
    downloads.length = 0;
    const { view } = await setUp();
    const buttons = [...view.container.querySelectorAll('button[class*="export-"]')];
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Encrypted backup (passphrase)',
      'Backup (JSON)',
      'For reading (Markdown)',
      'For spreadsheets (CSV)',
    ]);
    expect(view.container.querySelector('.notice')?.textContent).toBe(
      'The other formats are not encrypted: anyone who gets the file can read it.',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Encrypted backup (passphrase)' }));
    screen.getByText(/No one can recover a forgotten passphrase/);
    type('Passphrase', 'short');
    type('The same passphrase again', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Save encrypted backup' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Please use at least 8 characters. A few words together are easy to remember and hard to guess.',
    );
    type('Passphrase', 'paper boats 🚣 at dawn');
    type('The same passphrase again', 'paper boats at dawn');
    fireEvent.click(screen.getByRole('button', { name: 'Save encrypted backup' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      "The two passphrases aren't the same yet. Please type them again.",
    );
    expect(downloads).toEqual([]);

    type('The same passphrase again', 'paper boats 🚣 at dawn');
    fireEvent.click(screen.getByRole('button', { name: 'Save encrypted backup' }));
    await screen.findByText('Your file with 4 entries is saved in your downloads.', undefined, {
      timeout: 10_000,
    });
    // The form is closed and the passphrase is gone from the page.
    expect(screen.queryByLabelText('Passphrase')).toBeNull();
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toMatch(/^aftercare-journal-\d{4}-\d{2}-\d{2}\.encrypted\.json$/);
    expect(downloads[0]!.text).toMatch(/^\{"aftercare":"encrypted-backup","v":1,/);
    expect(downloads[0]!.text.includes('Felt close')).toBe(false);
  });
});

describe('bringing an encrypted backup into a journal', () => {
  let sealed: string;
  beforeAll(async () => {
    sealed = await exportEncryptedJson(sampleEntries(), [], NOW, 'paper boats 🚣 at dawn');
  });

  it('a wrong passphrase is told kindly and changes nothing; the right one shows what it holds', async () => {
    const { store, view } = await setUp(sampleEntries().slice(0, 1));
    const before = await store.all();
    fireEvent.change(screen.getByLabelText('Choose a file'), {
      target: { files: [new File([sealed], 'backup.encrypted.json', { type: 'application/json' })] },
    });
    const prompt = 'This backup is encrypted. Please enter the passphrase it was saved with.';
    await screen.findByLabelText(prompt);
    type(prompt, 'paper boats at dawn');
    fireEvent.click(screen.getByRole('button', { name: 'Open backup' }));
    expect((await screen.findByRole('alert', undefined, { timeout: 10_000 })).textContent).toBe(
      "That passphrase doesn't open this backup. Nothing was changed; you can try again.",
    );
    expect(await store.all()).toEqual(before);
    expect(view.container.querySelector('.import-summary')).toBeNull();

    // The form stays for another try.
    type(prompt, 'paper boats 🚣 at dawn');
    fireEvent.click(screen.getByRole('button', { name: 'Open backup' }));
    await screen.findByText(
      'This file holds 4 entries: 3 new, 0 newer versions of entries you have, 1 already in your journal.',
      undefined,
      { timeout: 10_000 },
    );
    expect(await store.all()).toEqual(before);
    fireEvent.click(screen.getByRole('button', { name: 'Add them to my journal' }));
    await screen.findByText('Done: 3 added, 0 updated.');
    const byId = (list: { id: string }[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    await waitFor(async () => expect(byId(await store.all())).toEqual(byId(sampleEntries())));
  });

  it('a damaged encrypted backup is refused without asking for anything', async () => {
    const { store } = await setUp(sampleEntries().slice(0, 1));
    const before = await store.all();
    const damaged = sealed.replace('"v":1,', '"v":1,"extra":true,');
    fireEvent.change(screen.getByLabelText('Choose a file'), {
      target: { files: [new File([damaged], 'backup.encrypted.json', { type: 'application/json' })] },
    });
    expect((await screen.findByRole('alert')).textContent).toBe(
      "This encrypted backup has been changed or damaged, so it can't be opened. Nothing was changed.",
    );
    expect(await store.all()).toEqual(before);
  });
});
