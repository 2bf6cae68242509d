// Amounts of whole rupiah arrive as strings of digits ("1500000"). Whatever the dashboard computes
// with them is computed exactly, as integers (BigInt); no amount ever passes through a float.

/** The sum of amounts, as the API writes an amount. */
export function sumOf(amounts: readonly string[]): string {
  return amounts.reduce((total, amount) => total + BigInt(amount), 0n).toString();
}

/** Largest first: a negative number when `a` is larger than `b`, for `Array.prototype.sort`. */
export function largestFirst(a: string, b: string): number {
  const difference = BigInt(b) - BigInt(a);
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
}

/** The largest of amounts, "0" when there are none. */
export function largestOf(amounts: readonly string[]): string {
  return amounts.reduce((largest, amount) => (BigInt(amount) > BigInt(largest) ? amount : largest), '0');
}

/**
 * The share of `whole` that `part` is, in basis points (10000 is all of it), rounded down and kept
 * between 0 and 10000. A bar's length and a percentage are drawn from it; the amounts themselves
 * are always shown as they came.
 */
export function basisPointsOf(part: string, whole: string): number {
  const total = BigInt(whole);
  if (total <= 0n) return 0;
  const share = (BigInt(part) * 10_000n) / total;
  return Number(share < 0n ? 0n : share > 10_000n ? 10_000n : share);
}
