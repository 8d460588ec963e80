// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { ReflectionForm } from '@/components/check-in/ReflectionForm';
import type { DraftFields } from '@/utils/journal/drafts';

const POOL = [
  'What felt good?',
  'What felt uncomfortable?',
  'What do I need now?',
  'Is there someone I would like to talk to?',
];
const TEXT = "Anything you'd like to set down?";
const SAVE = { name: 'Keep this in my journal' };

describe('the reflection form', () => {
  it('puts focus on the first control, "I\'m okay", and names the site', () => {
    render(<ReflectionForm siteName="Practice call" onSave={vi.fn()} onOkay={vi.fn()} onClose={vi.fn()} />);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: "I'm okay" }));
    expect(screen.getByText('Your time on Practice call just ended.')).toBeTruthy();
  });

  it('saves what I wrote and says so kindly', async () => {
    const onSave = vi.fn(async (_fields: DraftFields) => undefined);
    render(<ReflectionForm onSave={onSave} onClose={vi.fn()} />);
    fireEvent.input(screen.getByLabelText(TEXT), { target: { value: 'Tired but okay.' } });
    fireEvent.click(screen.getByRole('button', SAVE));
    await screen.findByText('Saved. Be gentle with yourself.');
    expect(onSave).toHaveBeenCalledWith({ kind: 'check-in', text: 'Tired but okay.' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' })));
  });

  it('keeps my words on screen when saving fails', async () => {
    const onSave = vi.fn(async () => {
      throw new Error('disk full');
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(<ReflectionForm onSave={onSave} onClose={vi.fn()} />);
    const box = screen.getByLabelText<HTMLTextAreaElement>(TEXT);
    fireEvent.input(box, { target: { value: 'Please keep this' } });
    fireEvent.click(screen.getByRole('button', SAVE));
    await screen.findByText(/didn't save, and your words are still here/);
    expect(box.value).toBe('Please keep this');
  });

  it('asks gently for a mood or words instead of saving an empty entry', async () => {
    const onSave = vi.fn();
    render(<ReflectionForm onSave={onSave} onClose={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', SAVE));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Choose a mood or write'));
    expect(onSave).not.toHaveBeenCalled();
  });

  it('"Not now" and Escape close without saving', () => {
    const onSave = vi.fn();
    const onClose = vi.fn();
    render(<ReflectionForm onSave={onSave} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    fireEvent.keyDown(screen.getByLabelText(TEXT), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('"I\'m okay" saves in one click and says so', async () => {
    const onOkay = vi.fn(async () => undefined);
    render(<ReflectionForm onSave={vi.fn()} onOkay={onOkay} onClose={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: "I'm okay" }));
    await screen.findByText("Noted. Glad you're okay.");
    expect(onOkay).toHaveBeenCalledOnce();
  });
});

describe('the mood steps', () => {
  it('offer five named steps and save the number with the word', async () => {
    const onSave = vi.fn(async (_fields: DraftFields) => undefined);
    render(<ReflectionForm onSave={onSave} onClose={vi.fn()} />);
    const group = screen.getByRole('group', { name: 'How are you feeling right now?' });
    const steps = Array.from(group.querySelectorAll('input[type=radio]'));
    expect(steps.map((input) => input.closest('label')?.textContent)).toEqual([
      'Very low',
      'Low',
      'Mixed',
      'Okay',
      'Good',
    ]);
    fireEvent.click(screen.getByRole('radio', { name: 'Low' }));
    fireEvent.click(screen.getByRole('button', SAVE));
    await screen.findByText('Saved. Be gentle with yourself.');
    expect(onSave.mock.calls[0]![0]).toEqual({ kind: 'check-in', text: '', mood: { value: 2, word: 'Low' } });
  });

  it('take optional nuance: feelings on the energy map and how strong', async () => {
    const onSave = vi.fn(async (_fields: DraftFields) => undefined);
    render(<ReflectionForm onSave={onSave} onClose={vi.fn()} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Mixed' }));
    expect(screen.getByRole('group', { name: 'Less energy, unpleasant' })).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Drained' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Tender' }));
    fireEvent.input(screen.getByLabelText('How strong is it?'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', SAVE));
    await screen.findByText('Saved. Be gentle with yourself.');
    expect(onSave.mock.calls[0]![0].nuance).toEqual({
      energy: -0.6,
      pleasantness: 0.15,
      intensity: 0.75,
      feelings: ['Drained', 'Tender'],
    });
  });
});

describe('the reflective questions', () => {
  it('take turns from one check-in to the next', () => {
    const { unmount } = render(
      <ReflectionForm questionPool={POOL} rotationStart={0} onSave={vi.fn()} onClose={vi.fn()} />,
    );
    expect(screen.getByLabelText('What felt good?')).toBeTruthy();
    expect(screen.getByLabelText('What felt uncomfortable?')).toBeTruthy();
    unmount();
    render(<ReflectionForm questionPool={POOL} rotationStart={3} onSave={vi.fn()} onClose={vi.fn()} />);
    expect(screen.getByLabelText('Is there someone I would like to talk to?')).toBeTruthy();
    expect(screen.getByLabelText('What felt good?')).toBeTruthy();
    expect(screen.queryByLabelText('What felt uncomfortable?')).toBeNull();
  });

  it('"Other questions" keeps the one I answered and swaps the other', async () => {
    const onSave = vi.fn(async (_fields: DraftFields) => undefined);
    render(<ReflectionForm questionPool={POOL} onSave={onSave} onClose={vi.fn()} />);
    fireEvent.input(screen.getByLabelText('What felt good?'), { target: { value: 'Being seen.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Other questions' }));
    expect(screen.queryByLabelText('What felt uncomfortable?')).toBeNull();
    expect(screen.getByLabelText('What do I need now?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', SAVE));
    await screen.findByText('Saved. Be gentle with yourself.');
    expect(onSave.mock.calls[0]![0].answers).toEqual([
      { question: 'What felt good?', answer: 'Being seen.' },
      { question: 'What do I need now?', answer: '' },
    ]);
  });
});

describe('a restored draft', () => {
  const draft: DraftFields = {
    kind: 'reflection',
    text: 'I was halfway through this',
    mood: { value: 4, word: 'Okay' },
    nuance: { energy: -0.6, pleasantness: 0.6, intensity: 0.5, feelings: ['Calm'] },
    answers: [{ question: 'What do I need now?', answer: 'Sleep' }],
    tags: ['late', 'close'],
  };

  it('comes back exactly as I left it, and says so', () => {
    render(<ReflectionForm questionPool={POOL} initial={draft} onSave={vi.fn()} onClose={vi.fn()} />);
    expect(screen.getByText(/What you wrote before is still here/)).toBeTruthy();
    expect(screen.getByLabelText<HTMLTextAreaElement>(TEXT).value).toBe('I was halfway through this');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Okay' }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Calm' }).checked).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('How strong is it?').value).toBe('2');
    expect(screen.getByLabelText<HTMLTextAreaElement>('What do I need now?').value).toBe('Sleep');
    expect(screen.getByLabelText<HTMLInputElement>('Tags (optional)').value).toBe('late, close');
  });

  it('reports each change for the autosave, but not the restore itself', async () => {
    const onChange = vi.fn();
    render(<ReflectionForm initial={draft} onChange={onChange} onSave={vi.fn()} onClose={vi.fn()} />);
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText(TEXT), {
      target: { value: 'I was halfway through this, and more' },
    });
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(onChange.mock.lastCall![0]).toMatchObject({
      text: 'I was halfway through this, and more',
      tags: ['late', 'close'],
    });
  });
});
