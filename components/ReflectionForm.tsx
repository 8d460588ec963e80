import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

export interface ReflectionFormProps {
  /** The site whose session just ended, when there was one. */
  siteName?: string;
  onSave: (text: string) => Promise<void>;
  onClose: () => void;
}

type Status = 'editing' | 'saving' | 'saved' | 'failed' | 'empty';

export function ReflectionForm({ siteName, onSave, onClose }: ReflectionFormProps) {
  const [text, setText] = useState('');
  const [status, setStatus] = useState<Status>('editing');
  const textRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => textRef.current?.focus(), []);

  async function save(event: Event) {
    event.preventDefault();
    if (!text.trim()) {
      setStatus('empty');
      return;
    }
    setStatus('saving');
    try {
      await onSave(text.trim());
      setStatus('saved');
    } catch (error) {
      console.error('Aftercare: saving the entry failed', error);
      setStatus('failed');
    }
  }

  if (status === 'saved') {
    return (
      <main class="stack">
        <h1>{t('reflectionSaved')}</h1>
        <div class="actions">
          <a class="button" href="/journal.html" target="_blank">
            {t('openJournal')}
          </a>
          <button type="button" class="primary" onClick={onClose}>
            {t('reflectionClose')}
          </button>
        </div>
      </main>
    );
  }

  const statusMessage =
    status === 'failed'
      ? t('reflectionSaveFailed')
      : status === 'empty'
        ? t('reflectionEmptyText')
        : status === 'saving'
          ? t('reflectionSaving')
          : '';

  return (
    <main>
      <h1>{t('reflectionTitle')}</h1>
      {siteName && <p class="muted">{t('reflectionAfterSite', siteName)}</p>}
      <p>{t('reflectionIntro')}</p>
      <form onSubmit={save}>
        <label for="reflection-text">{t('reflectionTextLabel')}</label>
        <textarea
          id="reflection-text"
          ref={textRef}
          value={text}
          aria-describedby="reflection-text-hint"
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <p id="reflection-text-hint" class="muted">
          {t('reflectionTextHint')}
        </p>
        <div class="actions">
          <button type="submit" class="primary" disabled={status === 'saving'}>
            {t('reflectionSave')}
          </button>
          <button type="button" onClick={onClose}>
            {t('reflectionNotNow')}
          </button>
        </div>
        <p
          class={status === 'failed' || status === 'empty' ? 'status error' : 'status'}
          role="status"
          aria-live="polite"
        >
          {statusMessage}
        </p>
      </form>
    </main>
  );
}
