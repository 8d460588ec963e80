import { useState } from 'preact/hooks';
import type { JournalFilter } from '@/utils/journal/search';
import { EMPTY_FILTER, localDayEnd, localDayStart } from '@/utils/journal/search';
import { siteDisplayName } from '@/utils/detection/site-names';
import { t } from '@/utils/shared/i18n';
import { MOOD_KEYS } from './JournalList';

export function JournalFilters({
  filter,
  tags,
  siteIds,
  disabled = false,
  onChange,
}: {
  filter: JournalFilter;
  tags: string[];
  siteIds: string[];
  /** While the journal is still reading every entry: the fields are there, not yet usable. */
  disabled?: boolean;
  onChange: (filter: JournalFilter) => void;
}) {
  // The date fields keep what was typed; the filter holds the parsed range.
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [more, setMore] = useState(false);
  const set = (change: Partial<JournalFilter>) => onChange({ ...filter, ...change });

  return (
    <form class="card filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <fieldset disabled={disabled}>
        <label for="journal-search">{t('journalSearchLabel')}</label>
        <div class="search-row">
          <input
            id="journal-search"
            type="search"
            value={filter.query}
            placeholder={t('journalSearchPlaceholder')}
            onInput={(e) => set({ query: e.currentTarget.value })}
          />
          <button
            type="button"
            id="filter-more"
            aria-expanded={more}
            aria-controls="filter-more-fields"
            onClick={() => setMore(!more)}
          >
            {t('journalFilterMore')}
          </button>
        </div>
        {/* Folded away at first, so the newest entries are in view even in a short window. */}
        <div id="filter-more-fields" hidden={!more}>
          <div class="filter-row">
            <div>
              <label for="filter-mood">{t('journalFilterMood')}</label>
              <select
                id="filter-mood"
                value={filter.mood === undefined ? '' : String(filter.mood)}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  set({
                    mood:
                      value === ''
                        ? undefined
                        : value === 'none'
                          ? 'none'
                          : (Number(value) as 1 | 2 | 3 | 4 | 5),
                  });
                }}
              >
                <option value="">{t('journalFilterAny')}</option>
                {([5, 4, 3, 2, 1] as const).map((value) => (
                  <option key={value} value={String(value)}>
                    {t(MOOD_KEYS[value])}
                  </option>
                ))}
                <option value="none">{t('journalMoodNone')}</option>
              </select>
            </div>
            <div>
              <label for="filter-tag">{t('journalFilterTag')}</label>
              <select
                id="filter-tag"
                value={filter.tag ?? ''}
                onChange={(e) => set({ tag: e.currentTarget.value || undefined })}
              >
                <option value="">{t('journalFilterAny')}</option>
                {tags.map((tag) => (
                  <option key={tag} value={tag}>
                    {tag}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="filter-site">{t('journalFilterSite')}</label>
              <select
                id="filter-site"
                value={filter.siteId ?? ''}
                onChange={(e) => set({ siteId: e.currentTarget.value || undefined })}
              >
                <option value="">{t('journalFilterAny')}</option>
                {siteIds.map((siteId) => (
                  <option key={siteId} value={siteId}>
                    {siteDisplayName(siteId)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label for="filter-from">{t('journalFilterFrom')}</label>
              <input
                id="filter-from"
                type="date"
                value={from}
                onInput={(e) => {
                  setFrom(e.currentTarget.value);
                  set({ from: localDayStart(e.currentTarget.value) });
                }}
              />
            </div>
            <div>
              <label for="filter-to">{t('journalFilterTo')}</label>
              <input
                id="filter-to"
                type="date"
                value={to}
                onInput={(e) => {
                  setTo(e.currentTarget.value);
                  set({ to: localDayEnd(e.currentTarget.value) });
                }}
              />
            </div>
          </div>
          <div class="actions">
            <button
              type="button"
              id="filter-clear"
              onClick={() => {
                setFrom('');
                setTo('');
                onChange(EMPTY_FILTER);
              }}
            >
              {t('journalFilterClear')}
            </button>
          </div>
        </div>
      </fieldset>
    </form>
  );
}
