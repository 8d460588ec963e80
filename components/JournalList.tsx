import type { JournalEntry } from '@/utils/journal-db';
import { t } from '@/utils/i18n';
import { siteDisplayName } from '@/utils/site-names';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function JournalList({ entries }: { entries: readonly JournalEntry[] }) {
  if (entries.length === 0) return <p class="card muted">{t('journalEmpty')}</p>;
  return (
    <ul class="plain stack" aria-label={t('journalTitle')}>
      {entries.map((entry) => (
        <li key={entry.id} class="card journal-entry" data-entry-id={entry.id}>
          <div class="entry-meta">
            <time dateTime={new Date(entry.createdAt).toISOString()}>
              {dateFormat.format(entry.createdAt)}
            </time>
            {' · '}
            {entry.kind === 'reflection' ? t('journalKindReflection') : t('journalKindCheckIn')}
            {entry.siteId ? ` · ${siteDisplayName(entry.siteId)}` : ''}
          </div>
          <p class="entry-text">{entry.text}</p>
        </li>
      ))}
    </ul>
  );
}
