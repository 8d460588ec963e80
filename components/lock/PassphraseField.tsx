import type { ComponentChildren, InputEventHandler } from 'preact';

export interface PassphraseFieldProps {
  id: string;
  label: string;
  /** `new-password` when choosing one, `current-password` when typing the one in use. */
  autocomplete: 'new-password' | 'current-password';
  value: string;
  onInput: InputEventHandler<HTMLInputElement>;
  describedBy?: string;
  /** A hint under the field (give it the id named in `describedBy`). */
  children?: ComponentChildren;
}

/** A labelled passphrase input, as the lock, unlock and encrypted-backup forms all ask for one. */
export function PassphraseField({
  id,
  label,
  autocomplete,
  value,
  onInput,
  describedBy,
  children,
}: PassphraseFieldProps) {
  return (
    <div>
      <label for={id}>{label}</label>
      <input
        id={id}
        type="password"
        autocomplete={autocomplete}
        aria-describedby={describedBy}
        value={value}
        onInput={onInput}
      />
      {children}
    </div>
  );
}
