// Amounts of whole rupiah arrive as strings of digits ("1500000"). Whatever is computed with them
// here is computed exactly, as integers (BigInt); no amount ever passes through a float.

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

/** The sum of amounts of whole rupiah, as the API writes one: a string of digits. */
export function sumOf(...amounts: string[]): string {
  return amounts.reduce((sum, amount) => sum + BigInt(amount), 0n).toString();
}
