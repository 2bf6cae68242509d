// Amounts of whole rupiah arrive as strings of digits ("1500000"). Whatever is computed with them
// here is computed exactly, as integers (BigInt); no amount ever passes through a float.

/** The sum of amounts, as the API writes an amount. */
export function sumOf(amounts: readonly string[]): string {
  return amounts.reduce((total, amount) => total + BigInt(amount), 0n).toString();
}

/** What `quantity` units cost at `price`. */
export function timesOf(quantity: number, price: string): string {
  return (BigInt(quantity) * BigInt(price)).toString();
}

/** Whether `a` is more than `b`. */
export function isAbove(a: string, b: string): boolean {
  return BigInt(a) > BigInt(b);
}
