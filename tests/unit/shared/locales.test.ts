import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, unknown> }>;
const read = (locale: string): Catalogue =>
  JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'));

const english = read('en');
const others = readdirSync('public/_locales').filter((locale) => locale !== 'en');

describe.each(others)('the %s translation', (locale) => {
  const catalogue = read(locale);

  it('has every English string, and no strings English lacks', () => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(english).sort());
  });

  it('keeps the same placeholders', () => {
    for (const [key, entry] of Object.entries(english)) {
      expect(Object.keys(catalogue[key]?.placeholders ?? {}), key).toEqual(
        Object.keys(entry.placeholders ?? {}),
      );
    }
  });
});

it('no English string is empty', () => {
  for (const [key, entry] of Object.entries(english)) expect(entry.message.trim(), key).not.toBe('');
});
