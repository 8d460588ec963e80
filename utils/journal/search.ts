import type { JournalEntry } from './db';

/**
 * Search and filters for the journal page: pure functions over entries already in memory. Ten
 * thousand entries are searched in a few milliseconds this way, with no index to keep in step.
 */

export interface JournalFilter {
  /** Words to find in the text, tags, answers, intention and feelings; every word must match. */
  query: string;
  /** A mood value 1…5, or `none` for entries without a mood. */
  mood?: 1 | 2 | 3 | 4 | 5 | 'none';
  tag?: string;
  siteId?: string;
  /** Inclusive start, in ms since the epoch. */
  from?: number;
  /** Exclusive end, in ms since the epoch. */
  to?: number;
}

export const EMPTY_FILTER: JournalFilter = { query: '' };

/** Lower case without accents, so "cafe" finds "Café" and "ubel" finds "übel". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const searchTextCache = new WeakMap<JournalEntry, string>();

/** Everything a search looks through, folded once per entry object. */
export function searchableText(entry: JournalEntry): string {
  let cached = searchTextCache.get(entry);
  if (cached === undefined) {
    const parts = [entry.text, entry.intention ?? '', entry.mood?.word ?? '', ...(entry.tags ?? [])];
    for (const answer of entry.answers ?? []) parts.push(answer.question, answer.answer);
    parts.push(...(entry.nuance?.feelings ?? []));
    cached = foldForSearch(parts.join('\n'));
    searchTextCache.set(entry, cached);
  }
  return cached;
}

export function queryWords(query: string): string[] {
  return foldForSearch(query).split(/\s+/).filter(Boolean);
}

export function isFilterActive(filter: JournalFilter): boolean {
  return (
    queryWords(filter.query).length > 0 ||
    filter.mood !== undefined ||
    filter.tag !== undefined ||
    filter.siteId !== undefined ||
    filter.from !== undefined ||
    filter.to !== undefined
  );
}

export function matchesFilter(
  entry: JournalEntry,
  filter: JournalFilter,
  words = queryWords(filter.query),
): boolean {
  if (filter.from !== undefined && entry.createdAt < filter.from) return false;
  if (filter.to !== undefined && entry.createdAt >= filter.to) return false;
  if (
    filter.mood === 'none'
      ? entry.mood !== undefined
      : filter.mood !== undefined && entry.mood?.value !== filter.mood
  )
    return false;
  if (filter.tag !== undefined && !(entry.tags ?? []).includes(filter.tag)) return false;
  if (filter.siteId !== undefined && entry.siteId !== filter.siteId) return false;
  if (words.length === 0) return true;
  const haystack = searchableText(entry);
  return words.every((word) => haystack.includes(word));
}

/** The entries that match, in the order given (the journal keeps newest first). */
export function filterEntries(entries: readonly JournalEntry[], filter: JournalFilter): JournalEntry[] {
  const words = queryWords(filter.query);
  return entries.filter((entry) => matchesFilter(entry, filter, words));
}

/** The tags and sites that occur, for the filter menus. */
export function journalFacets(entries: readonly JournalEntry[]): { tags: string[]; siteIds: string[] } {
  const tags = new Set<string>();
  const siteIds = new Set<string>();
  for (const entry of entries) {
    for (const tag of entry.tags ?? []) tags.add(tag);
    if (entry.siteId) siteIds.add(entry.siteId);
  }
  const byName = (a: string, b: string) => a.localeCompare(b);
  return { tags: [...tags].sort(byName), siteIds: [...siteIds].sort(byName) };
}

/** `YYYY-MM-DD` from a date input, as local midnight; `undefined` for anything else. */
export function localDayStart(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day)
    return undefined;
  return date.getTime();
}

/** The local midnight after the given `YYYY-MM-DD`, for an inclusive "to" date. */
export function localDayEnd(value: string): number | undefined {
  const start = localDayStart(value);
  if (start === undefined) return undefined;
  const date = new Date(start);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
}

/** Splits user-typed tags ("sleep, work , sleep") into a clean, de-duplicated list. */
export function parseTags(input: string): string[] {
  return [
    ...new Set(
      input
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}
