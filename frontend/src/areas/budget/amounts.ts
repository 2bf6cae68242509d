// Amounts of whole rupiah arrive as strings of digits ("1500000"). Whatever is computed with them
// here is computed exactly, as integers (BigInt); no amount ever passes through a float.

/** The sum of amounts, as the API writes an amount. */
export function sumOf(amounts: readonly string[]): string {
  return amounts.reduce((total, amount) => total + BigInt(amount), 0n).toString();
}

/** The larger of two amounts. */
export function maxOf(a: string, b: string): string {
  return BigInt(a) >= BigInt(b) ? a : b;
}

/** Whether `a` is less than `b`. */
export function isBelow(a: string, b: string): boolean {
  return BigInt(a) < BigInt(b);
}

/** A share in basis points, as every area computes it. */
export { basisPointsOf } from '../../components/figures';
