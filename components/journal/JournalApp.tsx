import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { JournalList } from './JournalList';
import { JournalFilters } from './JournalFilters';
import { Deferred } from '../shared/Deferred';
import type { JournalEntry } from '@/utils/journal/db';
import { sharedJournalDb } from '@/utils/journal/db';
import { FIRST_PAGE_SIZE } from '@/utils/journal/first-page';
import type { JournalEntryChanges, JournalStore } from '@/utils/journal/store';
import {
  EMPTY_FILTER,
  filterEntries,
  isFilterActive,
  journalFacets,
  type JournalFilter,
} from '@/utils/journal/search';
import { formatCount } from '@/utils/shared/locale-format';
import { afterFirstPaint } from '@/utils/shared/after-first-paint';
import { t } from '@/utils/shared/i18n';
import './journal.css';

const PAGE_SIZE = FIRST_PAGE_SIZE;

// Charts and the import/export panel need every entry anyway: their code loads in chunks of its
// own, so the newest fifty entries are on screen sooner. So does the store (which brings the
// lock's code) and the request for persistent storage: the first page needs neither.
const loadStore = () => import('@/utils/journal/store').then((module) => module.createJournalStore);
const loadPersistence = () => import('@/utils/journal/storage-persistence');
const loadTrends = () => import('./JournalTrends').then((module) => module.JournalTrends);
const loadDataPanel = () => import('./JournalDataPanel').then((module) => module.JournalDataPanel);
const UNDO_MS = 10_000;
/**
 * Entries away from the window are drawn only as they come near it (journal.css), in Chrome only.
 * Firefox ESR 153 left them undrawn in a tab in front, with focus, for 20 s and more (headless,
 * in the end-to-end run): a journal of blank cards is worse than a slower first paint.
 */
const DRAW_NEAR_VIEW = import.meta.env.FIREFOX !== true;

/**
 * The journal: the newest fifty entries are read first (by the page's script, before its first
 * render: `takeFirstPage`; journal/first-page.ts) and shown at once; then every entry is read (one
 * `getAll`) and searched, filtered and charted in memory, fifty at a time, so ten thousand entries
 * open and search quickly.
 */
export function JournalApp({
  takeFirstPage = () => null,
}: {
  /** The newest entries, already read (with the lock off), or null to read them here. */
  takeFirstPage?: () => JournalEntry[] | null;
}) {
  const [store, setStore] = useState<JournalStore | null>(null);
  const [entries, setEntries] = useState<JournalEntry[] | null>(takeFirstPage);
  const storeReady = useRef<Promise<JournalStore> | null>(null);
  // False while only the first page is loaded: search, trends and counts wait for everything.
  const [complete, setComplete] = useState(false);
  const [filter, setFilter] = useState<JournalFilter>(EMPTY_FILTER);
  const [shown, setShown] = useState(PAGE_SIZE);
  // The trends are one click away: open, they would push the entries down as they arrive.
  const [trendsOpen, setTrendsOpen] = useState(false);
  const [deleted, setDeleted] = useState<JournalEntry | null>(null);
  const [notice, setNotice] = useState('');
  // After "delete everything" the page opens nothing again, so nothing is recreated behind the
  // user's back: not even an empty database.
  const [erased, setErased] = useState(false);
  const undoButton = useRef<HTMLButtonElement>(null);
  const undoTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const now = useMemo(() => Date.now(), [entries]);

  /** The store, once its code has arrived: edits made on the first page wait for it. */
  function openStore(): Promise<JournalStore> {
    storeReady.current ??= Promise.all([
      sharedJournalDb({
        onBlocked: () => setNotice(t('journalDbBlocked')),
        onTerminated: () => setNotice(t('journalDbClosed')),
      }),
      loadStore(),
    ]).then(([db, createJournalStore]) => createJournalStore(db));
    return storeReady.current;
  }

  async function load() {
    const next = await openStore();
    setStore(next);
    if (!entries) {
      setEntries(await next.newest(PAGE_SIZE));
      setNotice('');
    }
    setEntries(await next.all());
    setComplete(true);
    // Their code is at hand when the trends are opened.
    void loadTrends();
  }

  useEffect(() => {
    // The first page is already on the page (takeFirstPage): everything else waits until it is
    // on screen, rather than compete with its drawing.
    void afterFirstPaint().then(() => {
      load().catch((error: unknown) => {
        console.error(error);
        setNotice(t('journalDbFailed'));
      });
      void loadPersistence().then(({ requestPersistence }) =>
        requestPersistence(globalThis.navigator?.storage),
      );
    });
  }, []);

  // The Delete button just left the page with its entry: keep the keyboard where "Undo" is.
  useLayoutEffect(() => {
    if (deleted) undoButton.current?.focus();
  }, [deleted]);

  const matches = useMemo(() => (entries ? filterEntries(entries, filter) : []), [entries, filter]);
  const facets = useMemo(() => journalFacets(entries ?? []), [entries]);
  const filtered = isFilterActive(filter);

  function changeFilter(next: JournalFilter) {
    setFilter(next);
    setShown(PAGE_SIZE);
  }

  async function edit(id: string, changes: JournalEntryChanges) {
    const updated = await (await openStore()).update(id, changes);
    setEntries((current) => current?.map((entry) => (entry.id === id ? updated : entry)) ?? null);
  }

  async function remove(entry: JournalEntry) {
    await (await openStore()).remove(entry.id);
    setEntries((current) => current?.filter((other) => other.id !== entry.id) ?? null);
    setDeleted(entry);
    clearTimeout(undoTimer.current);
    undoTimer.current = setTimeout(() => setDeleted(null), UNDO_MS);
  }

  async function undo() {
    if (!deleted) return;
    const current = await openStore();
    await current.restore(deleted);
    clearTimeout(undoTimer.current);
    setDeleted(null);
    setEntries(await current.all());
  }

  return (
    <main
      class={DRAW_NEAR_VIEW ? 'journal draw-near-view' : 'journal'}
      data-loaded={complete ? 'all' : 'first-page'}
    >
      <h1>{t('journalTitle')}</h1>
      <p class="muted">{t('journalIntro')}</p>
      {notice && (
        <p class="status" role="status">
          {notice}
        </p>
      )}
      {erased && (
        <p class="card erased" role="status">
          {t('journalEraseDone')}
        </p>
      )}
      {entries && !erased && (
        <>
          {entries.length === 0 ? (
            <div class="card empty-state">
              <p>{t('journalEmpty')}</p>
              <p class="muted">{t('journalEmptyImportHint')}</p>
            </div>
          ) : (
            <>
              {/* What waits for every entry to be read has its place from the first frame, so
                  the entries already on screen never move down under the user's eyes or hand. */}
              <p class="muted journal-count">
                {!complete
                  ? ''
                  : entries.length === 1
                    ? t('journalCountOne')
                    : t('journalCount', formatCount(entries.length))}
              </p>
              <section class="trends" aria-labelledby="trends-heading">
                <h2 id="trends-heading">
                  <button
                    type="button"
                    id="trends-toggle"
                    class="disclosure"
                    aria-expanded={trendsOpen}
                    aria-controls="trends-body"
                    onClick={() => setTrendsOpen(!trendsOpen)}
                  >
                    {t('journalTrendsHeading')}
                  </button>
                </h2>
                <div id="trends-body" class="trends-body" hidden={!trendsOpen}>
                  {trendsOpen &&
                    (complete ? (
                      <Deferred load={loadTrends} props={{ entries, now }} />
                    ) : (
                      <p class="muted" role="status">
                        {t('journalTrendsWaiting')}
                      </p>
                    ))}
                </div>
              </section>
              <section aria-labelledby="entries-heading">
                <h2 id="entries-heading">{t('journalEntriesHeading')}</h2>
                <JournalFilters
                  filter={filter}
                  tags={facets.tags}
                  siteIds={facets.siteIds}
                  disabled={!complete}
                  onChange={changeFilter}
                />
                <p class="muted result-count" role="status">
                  {filtered
                    ? t('journalResults', [formatCount(matches.length), formatCount(entries.length)])
                    : ''}
                </p>
                {matches.length === 0 ? (
                  <p class="card muted no-results">{t('journalNoResults')}</p>
                ) : (
                  <JournalList
                    entries={matches.slice(0, shown)}
                    onEdit={edit}
                    onDelete={(entry) => void remove(entry)}
                  />
                )}
                {complete && matches.length > shown && (
                  <div class="actions">
                    <button type="button" id="show-more" onClick={() => setShown(shown + PAGE_SIZE)}>
                      {t('journalShowMore', formatCount(matches.length - shown))}
                    </button>
                  </div>
                )}
              </section>
            </>
          )}
          {complete && store && (
            <Deferred
              load={loadDataPanel}
              props={{
                store,
                entries,
                onChanged: async () => setEntries(await store.all()),
                onErased: async () => {
                  setDeleted(null);
                  setErased(true);
                },
              }}
            />
          )}
        </>
      )}
      {deleted && (
        <div class="undo-bar" role="status">
          <span>{t('journalDeleted')}</span>{' '}
          <button type="button" id="undo-delete" ref={undoButton} onClick={() => void undo()}>
            {t('journalUndo')}
          </button>
        </div>
      )}
    </main>
  );
}
