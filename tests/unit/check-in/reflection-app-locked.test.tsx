// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { ReflectionApp } from '@/components/check-in/ReflectionApp';
import { closeSharedJournalDb, openJournalDb } from '@/utils/journal/db';
import { createDraftStore } from '@/utils/journal/drafts';
import { lockJournal, turnLockOn } from '@/utils/lock/keys';
import { isSealed } from '@/utils/lock/lock';

const TEXT = "Anything you'd like to set down?";
const PASS = 'a long enough passphrase';

async function lockedJournal() {
  await closeSharedJournalDb();
  const db = await openJournalDb();
  await db.clear('drafts');
  await db.clear('journal-entries');
  await db.clear('lock-meta');
  await turnLockOn(db, PASS, 15);
  await lockJournal();
  return db;
}

describe('the check-in window while the journal is locked', { timeout: 30_000 }, () => {
  it('says so, and keeps what I type sealed', async () => {
    const db = await lockedJournal();
    render(<ReflectionApp sessionId={null} />);
    fireEvent.input(await screen.findByLabelText(TEXT), { target: { value: 'Written while locked' } });
    expect(screen.getByText(/Your journal is locked/)).toBeTruthy();
    await waitFor(async () => expect(await db.get('drafts', 'manual')).toBeDefined(), { timeout: 3000 });
    const draft = await db.get('drafts', 'manual');
    expect(draft && isSealed(draft)).toBe(true);
    expect(JSON.stringify(draft)).not.toContain('Written while locked');
  });

  it('an earlier locked draft is never written over: it asks for the passphrase, then restores it', async () => {
    const db = await lockedJournal();
    await createDraftStore(db).put('manual', { kind: 'check-in', text: 'earlier words' });
    const before = await db.get('drafts', 'manual');
    render(<ReflectionApp sessionId={null} />);
    await screen.findByText(/Earlier words for this check-in are kept locked/, undefined, { timeout: 5000 });
    expect(screen.queryByLabelText(TEXT)).toBeNull();
    fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: 'not the one' } });
    fireEvent.submit(screen.getByLabelText('Passphrase').closest('form')!);
    await screen.findByText(/doesn't open your journal/, undefined, { timeout: 10_000 });
    expect(await db.get('drafts', 'manual')).toEqual(before);
    fireEvent.input(screen.getByLabelText('Passphrase'), { target: { value: PASS } });
    fireEvent.submit(screen.getByLabelText('Passphrase').closest('form')!);
    const restored = (await screen.findByLabelText(TEXT, undefined, {
      timeout: 10_000,
    })) as HTMLTextAreaElement;
    expect(restored.value).toBe('earlier words');
  });
});
