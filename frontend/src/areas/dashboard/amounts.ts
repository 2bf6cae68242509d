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

/** The share of one amount in another, in basis points: the same wherever a share is shown. */
export { basisPointsOf } from '../../components/figures';
