// How figures are shown wherever they are: the share of one amount in another, and a figure's
// place in a table. Amounts of whole rupiah arrive as strings of digits ("1500000"); a share is
// computed exactly, as integers (BigInt), so that no amount ever passes through a float.

/** A figure's cell: right-aligned, on one line. */
export const RIGHT = { textAlign: 'right', whiteSpace: 'nowrap' } as const;

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
