import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const real = { DateTimeFormat: Intl.DateTimeFormat, NumberFormat: Intl.NumberFormat };
let made: { dates: number; numbers: number };

/** Counts the formatters made, each still a real one. */
function countMade<T extends object>(Formatter: T, count: () => void): T {
  return new Proxy(Formatter, {
    construct(target, args: unknown[]) {
      count();
      return Reflect.construct(target as never, args) as object;
    },
  });
}

beforeEach(() => {
  made = { dates: 0, numbers: 0 };
  Intl.DateTimeFormat = countMade(real.DateTimeFormat, () => made.dates++);
  Intl.NumberFormat = countMade(real.NumberFormat, () => made.numbers++);
});
afterEach(() => {
  Intl.DateTimeFormat = real.DateTimeFormat;
  Intl.NumberFormat = real.NumberFormat;
  vi.resetModules();
});

describe('the journal’s date and number formats', () => {
  it('are made on first use, not while the journal’s modules load', async () => {
    // The first formatter in a process sets up the browser's locale data (20 to 50 ms): made as a
    // module loads, that came before the journal asked for its entries.
    await import('@/components/journal/JournalApp');
    await import('@/components/journal/JournalList');
    expect(made).toEqual({ dates: 0, numbers: 0 });

    const { prepareLocaleFormats } = await import('@/utils/shared/locale-format');
    prepareLocaleFormats();
    expect(made).toEqual({ dates: 1, numbers: 1 });
  });

  it('are made once, and write dates and counts as the locale does', async () => {
    const { formatCount, formatEntryDate, prepareLocaleFormats } =
      await import('@/utils/shared/locale-format');
    prepareLocaleFormats();
    const at = Date.UTC(2026, 11, 4, 9, 30);
    expect(formatEntryDate(at)).toBe(
      new real.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(at),
    );
    expect(formatCount(10_000)).toBe(new real.NumberFormat().format(10_000));
    expect(made).toEqual({ dates: 1, numbers: 1 });
  });
});
