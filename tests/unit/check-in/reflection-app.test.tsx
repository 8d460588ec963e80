// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { CHECK_IN_WAIT_MS, ReflectionApp } from '@/components/check-in/ReflectionApp';
import { openJournalDb } from '@/utils/journal/db';
import { createDraftStore } from '@/utils/journal/drafts';
import { createJournalStore } from '@/utils/journal/store';
import { checkInsItem } from '@/utils/shared/storage-items';
import { SHELL_ID } from '@/utils/check-in/shell';

const TEXT = "Anything you'd like to set down?";

async function freshDb() {
  const db = await openJournalDb();
  await db.clear('drafts');
  await db.clear('journal-entries');
  return db;
}

describe('the check-in window', () => {
  it('autosaves as I type, and a new window restores the draft', async () => {
    const db = await freshDb();
    const first = render(<ReflectionApp sessionId={null} />);
    fireEvent.input(await screen.findByLabelText(TEXT), { target: { value: 'Still shaky' } });
    await waitFor(
      async () => expect((await createDraftStore(db).get('manual'))?.fields.text).toBe('Still shaky'),
      {
        timeout: 3000,
      },
    );
    first.unmount();

    render(<ReflectionApp sessionId={null} />);
    expect((await screen.findByLabelText<HTMLTextAreaElement>(TEXT)).value).toBe('Still shaky');
  });

  it('words typed and then all erased leave no draft behind', async () => {
    // A kept draft is what makes a closed check-in wait in the popup: an empty one would bring back
    // an empty form under "Your words are kept."
    const db = await freshDb();
    const drafts = createDraftStore(db);
    render(<ReflectionApp sessionId={null} />);
    const box = await screen.findByLabelText(TEXT);
    fireEvent.input(box, { target: { value: 'Still shaky' } });
    await waitFor(async () => expect((await drafts.get('manual'))?.fields.text).toBe('Still shaky'), {
      timeout: 3000,
    });
    fireEvent.input(box, { target: { value: '  ' } });
    await waitFor(async () => expect(await drafts.get('manual')).toBeUndefined(), { timeout: 3000 });
  });

  it('saving keeps the entry with its session and intention, and the draft is gone', async () => {
    const db = await freshDb();
    await checkInsItem.setValue({
      s9: {
        session: { id: 's9', siteId: 'practice', startedAt: 1, endedAt: 2, reason: 'tab-closed' },
        status: 'pending',
        intention: 'Be honest about what I want',
      } as never,
    });
    await createDraftStore(db).put('session:s9', { kind: 'reflection', text: 'from before' });
    render(<ReflectionApp sessionId="s9" />);
    expect(
      await screen.findByText('What you hoped for beforehand: Be honest about what I want'),
    ).toBeTruthy();
    // The heading (with the intention) comes first; the form once the journal has answered.
    fireEvent.click(await screen.findByRole('radio', { name: 'Good' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep this in my journal' }));
    await screen.findByText('Saved. Be gentle with yourself.');
    const [entry] = await createJournalStore(db).newest(5);
    expect(entry).toMatchObject({
      kind: 'reflection',
      text: 'from before',
      sessionId: 's9',
      siteId: 'practice',
      mood: { value: 5, word: 'Good' },
      intention: 'Be honest about what I want',
    });
    expect(await createDraftStore(db).get('session:s9')).toBeUndefined();
    expect((await checkInsItem.getValue()).s9?.status).toBe('done');
  });

  it('finds its check-in when the worker writes it just after opening the window', async () => {
    const db = await freshDb();
    await checkInsItem.setValue({});
    render(<ReflectionApp sessionId="s11" />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await checkInsItem.setValue({
      s11: {
        session: {
          id: 's11',
          siteId: 'practice',
          startedAt: 1,
          endedAt: 2,
          reason: 'tab-closed',
          dropped: false,
        },
        // The worker leaves the practice site to the page to name.
        status: 'pending',
      },
    });
    expect(await screen.findByText('Your time on Practice call just ended.')).toBeTruthy();
    fireEvent.click(await screen.findByRole('radio', { name: 'Good' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep this in my journal' }));
    await screen.findByText('Saved. Be gentle with yourself.');
    const [entry] = await createJournalStore(db).newest(5);
    expect(entry).toMatchObject({ kind: 'reflection', sessionId: 's11', siteId: 'practice' });
    expect((await checkInsItem.getValue()).s11?.status).toBe('done');
  });

  it('shows the check-in all the same when its record never comes', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      await freshDb();
      await checkInsItem.setValue({});
      render(<ReflectionApp sessionId="gone" />);
      await vi.advanceTimersByTimeAsync(CHECK_IN_WAIT_MS);
      expect(await screen.findByRole('radio', { name: 'Good' })).toBeTruthy();
      expect(screen.queryByText(/Your time on/)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes over the heading the page painted from its HTML, leaving one heading', async () => {
    await freshDb();
    const shell = document.createElement('main');
    shell.id = SHELL_ID;
    const heading = document.createElement('h1');
    heading.textContent = "You're back. Take a breath.";
    shell.append(heading);
    document.body.append(shell);
    render(<ReflectionApp sessionId={null} />);
    await screen.findByRole('radio', { name: 'Good' });
    expect(document.getElementById(SHELL_ID)).toBeNull();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('shows the site name and the intention the worker kept with the session', async () => {
    await freshDb();
    await checkInsItem.setValue({
      s10: {
        session: {
          id: 's10',
          siteId: 'custom-call-example',
          startedAt: 1,
          endedAt: 2,
          reason: 'tab-closed',
          dropped: false,
          intention: 'Say what I need',
        },
        status: 'pending',
        siteName: 'Our call room',
      },
    });
    render(<ReflectionApp sessionId="s10" />);
    expect(await screen.findByText('What you hoped for beforehand: Say what I need')).toBeTruthy();
    expect(screen.getByText(/Our call room/)).toBeTruthy();
    expect(await screen.findByLabelText(TEXT)).toBeTruthy();
  });

  it('"Not now" writes the pending draft before the window closes', async () => {
    const db = await freshDb();
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    render(<ReflectionApp sessionId={null} />);
    fireEvent.input(await screen.findByLabelText(TEXT), { target: { value: 'one more line' } });
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    await waitFor(() => expect(close).toHaveBeenCalled());
    expect((await createDraftStore(db).get('manual'))?.fields.text).toBe('one more line');
  });
});

describe('the check-in window, quick choices', () => {
  it('"I\'m okay" after a few words keeps them in the quick entry, and clears the draft', async () => {
    const db = await freshDb();
    render(<ReflectionApp sessionId={null} />);
    fireEvent.input(await screen.findByLabelText(TEXT), { target: { value: 'short day' } });
    fireEvent.click(screen.getByRole('button', { name: "I'm okay" }));
    await screen.findByText("Noted. Glad you're okay.");
    expect(await createJournalStore(db).newest(5)).toMatchObject([{ kind: 'okay', text: 'short day' }]);
    expect(await createDraftStore(db).get('manual')).toBeUndefined();
  });

  it('"Start fresh" lets go of a restored draft', async () => {
    const db = await freshDb();
    await createDraftStore(db).put('manual', { kind: 'check-in', text: 'old words' });
    render(<ReflectionApp sessionId={null} />);
    expect((await screen.findByLabelText<HTMLTextAreaElement>(TEXT)).value).toBe('old words');
    fireEvent.click(screen.getByRole('button', { name: 'Start fresh' }));
    await waitFor(() => expect(screen.getByLabelText<HTMLTextAreaElement>(TEXT).value).toBe(''));
    expect(screen.queryByText(/still here/)).toBeNull();
    expect(await createDraftStore(db).get('manual')).toBeUndefined();
  });
});
