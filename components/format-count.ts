const counts = new Intl.NumberFormat();

/** A count as the user's locale writes it: 10,000 or 10.000. */
export function formatCount(value: number): string {
  return counts.format(value);
}
