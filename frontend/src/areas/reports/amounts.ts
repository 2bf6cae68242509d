// Amounts of whole rupiah arrive as strings of digits ("1500000"). Whatever is computed with them
// here is computed exactly, as integers (BigInt); no amount ever passes through a float.

/** The share of one amount in another, in basis points: the same wherever a share is shown. */
export { basisPointsOf } from '../../components/figures';

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
