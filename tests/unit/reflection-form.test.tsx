// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { ReflectionForm } from '@/components/ReflectionForm';

describe('the reflection form', () => {
  it('puts the cursor in the text box and names the site', () => {
    render(<ReflectionForm siteName="Practice call" onSave={vi.fn()} onClose={vi.fn()} />);
    expect(document.activeElement).toBe(screen.getByLabelText("Anything you'd like to set down?"));
    expect(screen.getByText('Your time on Practice call just ended.')).toBeTruthy();
  });

  it('saves what I wrote and says so kindly', async () => {
    const onSave = vi.fn(async () => undefined);
    render(<ReflectionForm onSave={onSave} onClose={vi.fn()} />);
    fireEvent.input(screen.getByLabelText("Anything you'd like to set down?"), {
      target: { value: '  Tired but okay.  ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Keep this in my journal' }));
    await screen.findByText('Saved. Be gentle with yourself.');
    expect(onSave).toHaveBeenCalledWith('Tired but okay.');
  });

  it('keeps my words on screen when saving fails', async () => {
    const onSave = vi.fn(async () => {
      throw new Error('disk full');
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(<ReflectionForm onSave={onSave} onClose={vi.fn()} />);
    const box = screen.getByLabelText<HTMLTextAreaElement>("Anything you'd like to set down?");
    fireEvent.input(box, { target: { value: 'Please keep this' } });
    fireEvent.click(screen.getByRole('button', { name: 'Keep this in my journal' }));
    await screen.findByText(/didn't save, and your words are still here/);
    expect(box.value).toBe('Please keep this');
  });

  it('asks gently for words instead of saving an empty entry', async () => {
    const onSave = vi.fn();
    render(<ReflectionForm onSave={onSave} onClose={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Keep this in my journal' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Write a few words first'));
    expect(onSave).not.toHaveBeenCalled();
  });

  it('"Not now" closes without saving', () => {
    const onSave = vi.fn();
    const onClose = vi.fn();
    render(<ReflectionForm onSave={onSave} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(onClose).toHaveBeenCalledOnce();
    expect(onSave).not.toHaveBeenCalled();
  });
});
