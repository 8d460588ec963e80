import { useState } from 'preact/hooks';
import type { JournalEntry, MoodScale } from '@/utils/journal/db';
import type { JournalEntryChanges } from '@/utils/journal/store';
import { parseTags } from '@/utils/journal/search';
import { t, type MessageKey } from '@/utils/shared/i18n';
import { siteDisplayName } from '@/utils/detection/site-names';
import { formatEntryDate } from '@/utils/shared/locale-format';

export const MOOD_KEYS: Record<MoodScale['value'], MessageKey> = {
  1: 'journalMood1',
  2: 'journalMood2',
  3: 'journalMood3',
  4: 'journalMood4',
  5: 'journalMood5',
};

const kindLabel = (kind: JournalEntry['kind']) =>
  kind === 'reflection' ? t('journalKindReflection') : t('journalKindCheckIn');

function EntryEditor({
  entry,
  onSave,
  onCancel,
}: {
  entry: JournalEntry;
  onSave: (changes: JournalEntryChanges) => Promise<void>;
  onCancel: () => void;
}) {
  const [text, setText] = useState(entry.text);
  const [tags, setTags] = useState((entry.tags ?? []).join(', '));
  const [mood, setMood] = useState(entry.mood ? String(entry.mood.value) : '');
  const [failed, setFailed] = useState(false);
  const id = `edit-${entry.id}`;

  async function submit(event: Event) {
    event.preventDefault();
    const value = Number(mood) as MoodScale['value'];
    const tagList = parseTags(tags);
    try {
      await onSave({
        text: text.trim(),
        tags: tagList.length ? tagList : undefined,
        // Keep the user's own word when the value did not change.
        mood: mood
          ? entry.mood?.value === value
            ? entry.mood
            : { value, word: t(MOOD_KEYS[value]) }
          : undefined,
      });
    } catch (error) {
      console.error(error);
      setFailed(true);
    }
  }

  return (
    <form class="stack entry-editor" onSubmit={submit}>
      <label for={`${id}-text`}>{t('journalEditText')}</label>
      <textarea id={`${id}-text`} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <label for={`${id}-tags`}>{t('journalEditTags')}</label>
      <input id={`${id}-tags`} type="text" value={tags} onInput={(e) => setTags(e.currentTarget.value)} />
      <label for={`${id}-mood`}>{t('journalFilterMood')}</label>
      <select id={`${id}-mood`} value={mood} onChange={(e) => setMood(e.currentTarget.value)}>
        <option value="">{t('journalMoodNone')}</option>
        {([5, 4, 3, 2, 1] as const).map((value) => (
          <option key={value} value={String(value)}>
            {t(MOOD_KEYS[value])}
          </option>
        ))}
      </select>
      {failed && (
        <p class="status" role="alert">
          {t('journalEditFailed')}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary">
          {t('journalEditSave')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('journalEditCancel')}
        </button>
      </div>
    </form>
  );
}

export interface JournalListProps {
  entries: readonly JournalEntry[];
  onEdit?: (id: string, changes: JournalEntryChanges) => Promise<void>;
  onDelete?: (entry: JournalEntry) => void;
}

export function JournalList({ entries, onEdit, onDelete }: JournalListProps) {
  const [editing, setEditing] = useState<string | null>(null);
  if (entries.length === 0) return <p class="card muted">{t('journalEmpty')}</p>;
  return (
    <ul class="plain stack" aria-label={t('journalTitle')}>
      {entries.map((entry, index) => (
        <li key={entry.id} class="card journal-entry" data-entry-id={entry.id}>
          {/* When the newest entry is first on screen, for the benchmark (scripts/bench.mjs). */}
          <div class="entry-meta" elementtiming={index === 0 ? 'newest-entry' : undefined}>
            <time dateTime={new Date(entry.createdAt).toISOString()}>{formatEntryDate(entry.createdAt)}</time>
            {' · '}
            {kindLabel(entry.kind)}
            {entry.siteId ? ` · ${siteDisplayName(entry.siteId)}` : ''}
            {entry.mood ? ` · ${entry.mood.word}` : ''}
          </div>
          {editing === entry.id && onEdit ? (
            <EntryEditor
              entry={entry}
              onCancel={() => setEditing(null)}
              onSave={async (changes) => {
                await onEdit(entry.id, changes);
                setEditing(null);
              }}
            />
          ) : (
            <>
              {entry.intention && <p class="muted entry-intention">{entry.intention}</p>}
              {entry.text && <p class="entry-text">{entry.text}</p>}
              {(entry.answers ?? []).length > 0 && (
                <dl class="entry-answers">
                  {entry.answers!.map((answer, i) => (
                    <div key={i}>
                      <dt>{answer.question}</dt>
                      <dd>{answer.answer}</dd>
                    </div>
                  ))}
                </dl>
              )}
              {(entry.tags ?? []).length > 0 && (
                <ul class="plain tags" aria-label={t('journalEditTags')}>
                  {entry.tags!.map((tag) => (
                    <li key={tag} class="tag">
                      {tag}
                    </li>
                  ))}
                </ul>
              )}
              {(onEdit || onDelete) && (
                <div class="actions entry-actions">
                  {onEdit && (
                    <button type="button" class="edit-entry" onClick={() => setEditing(entry.id)}>
                      {t('journalEdit')}
                    </button>
                  )}
                  {onDelete && (
                    <button type="button" class="delete-entry" onClick={() => onDelete(entry)}>
                      {t('journalDelete')}
                    </button>
                  )}
                </div>
              )}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
