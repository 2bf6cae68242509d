// Amounts of whole rupiah arrive and leave as strings of digits ("1500000"). Whatever is computed
// with them here is computed exactly, as integers (BigInt); no amount ever passes through a float.

/** The sum of amounts, as the API writes an amount. */
export function sumOf(amounts: readonly string[]): string {
  return amounts.reduce((total, amount) => total + BigInt(amount), 0n).toString();
}

/** What `quantity` units cost at `price`. */
export function timesOf(quantity: number, price: string): string {
  return (BigInt(quantity) * BigInt(price)).toString();
}

/** `a` less `b`. */
export function lessOf(a: string, b: string): string {
  return (BigInt(a) - BigInt(b)).toString();
}

/** 100 % in basis points. */
const FULL = 10_000n;

/**
 * PPh 23 withheld on `base` (the amount before VAT) at `basisPoints`, rounded down to the whole
 * rupiah as the server rounds every tax: a withholding never exceeds its rate. The server's figure
 * is the one recorded; this is what the treasurer can expect before paying.
 */
export function withholdingOf(base: string, basisPoints: number): string {
  return ((BigInt(base) * BigInt(basisPoints)) / FULL).toString();
}
