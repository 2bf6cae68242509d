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

/**
 * A share the server gives as a fraction with four decimals (0.1234), in basis points (1234), kept
 * between 0 and 10000. The fraction is a ratio, not an amount: it is the one figure that is a float.
 */
export function basisPointsOfFraction(share: number): number {
  return Number.isFinite(share) ? Math.min(10_000, Math.max(0, Math.round(share * 10_000))) : 0;
}
