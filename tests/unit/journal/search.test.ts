import { describe, expect, it } from 'vitest';
import {
  filterEntries,
  isFilterActive,
  journalFacets,
  localDayEnd,
  localDayStart,
  parseTags,
} from '@/utils/journal/search';
import { NOW, generatedEntries, sampleEntries } from './journal-fixtures';

const ids = (entries: { id: string }[]) => entries.map((entry) => entry.id);

describe('searching my journal', () => {
  const entries = sampleEntries();

  it('finds words in the text, whatever the case or accents', () => {
    expect(ids(filterEntries(entries, { query: 'FELT' }))).toEqual(['e1']);
    expect(ids(filterEntries(entries, { query: 'mude' }))).toEqual(['e2']);
    expect(ids(filterEntries(entries, { query: '大丈夫' }))).toEqual(['e2']);
  });

  it('finds words in tags, answers, intentions and feelings', () => {
    expect(ids(filterEntries(entries, { query: 'work' }))).toEqual(['e2']);
    expect(ids(filterEntries(entries, { query: 'glass of water' }))).toEqual(['e1']);
    expect(ids(filterEntries(entries, { query: 'what do you need' }))).toEqual(['e1']);
    expect(ids(filterEntries(entries, { query: 'missing' }))).toEqual(['e1']);
    expect(ids(filterEntries(entries, { query: 'tender' }))).toEqual(['e1']);
  });

  it('needs every word to match', () => {
    expect(ids(filterEntries(entries, { query: 'close sleep' }))).toEqual(['e1']);
    expect(ids(filterEntries(entries, { query: 'close work' }))).toEqual([]);
  });

  it('filters by mood, tag, site and date range, keeping the order', () => {
    expect(ids(filterEntries(entries, { query: '', mood: 2 }))).toEqual(['e2']);
    expect(ids(filterEntries(entries, { query: '', mood: 'none' }))).toEqual(['e3']);
    expect(ids(filterEntries(entries, { query: '', tag: 'partner' }))).toEqual(['e1', 'e4']);
    expect(ids(filterEntries(entries, { query: '', siteId: 'practice' }))).toEqual(['e1', 'e4']);
    const day = 86_400_000;
    expect(ids(filterEntries(entries, { query: '', from: NOW - 2.5 * day, to: NOW - 0.5 * day }))).toEqual([
      'e2',
      'e3',
    ]);
  });

  it('knows when nothing is filtered', () => {
    expect(isFilterActive({ query: '   ' })).toBe(false);
    expect(isFilterActive({ query: 'x' })).toBe(true);
    expect(isFilterActive({ query: '', tag: 'a' })).toBe(true);
  });

  it('lists the tags and sites that occur', () => {
    expect(journalFacets(entries)).toEqual({ tags: ['evening', 'partner', 'work'], siteIds: ['practice'] });
  });

  it('searches ten thousand entries', () => {
    const many = generatedEntries(10_000);
    const found = filterEntries(many, { query: 'number 9999' });
    expect(ids(found)).toEqual(['gen-9999']);
    expect(filterEntries(many, { query: 'friends', mood: 3, tag: 'tag-2' }).length).toBeGreaterThan(0);
  });
});

describe('dates and tags typed by the user', () => {
  it('reads a date input as a local calendar day, "to" included', () => {
    expect(localDayStart('2025-03-01')).toBe(new Date(2025, 2, 1).getTime());
    expect(localDayEnd('2025-03-01')).toBe(new Date(2025, 2, 2).getTime());
    expect(localDayStart('2025-02-30')).toBeUndefined();
    expect(localDayStart('')).toBeUndefined();
  });

  it('splits tags on commas, trimmed and without repeats', () => {
    expect(parseTags(' sleep, work ,, sleep ')).toEqual(['sleep', 'work']);
  });
});
