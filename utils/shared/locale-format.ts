/**
 * The journal's date and number formats, made on first use. The first Intl formatter a page's
 * process makes sets up the browser's locale data, 20 to 50 ms here (headless Chromium on a
 * 2-core machine); every later one takes a fraction of a millisecond. Made while a module loads,
 * that wait came before the journal even asked for its entries.
 */
let entryDates: Intl.DateTimeFormat | undefined;
let counts: Intl.NumberFormat | undefined;

/** An entry's date and time as the user's locale writes it. */
export function formatEntryDate(at: number): string {
  entryDates ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return entryDates.format(at);
}

/** A count as the user's locale writes it: 10,000 or 10.000. */
export function formatCount(value: number): string {
  counts ??= new Intl.NumberFormat();
  return counts.format(value);
}

/**
 * Sets up the locale data now, while the page waits on something else: the journal while its
 * entries are read, the toolbar popup (the journal's usual way in, in the same process) once its
 * menu is on screen.
 */
export function prepareLocaleFormats(): void {
  formatEntryDate(0);
  formatCount(0);
}
