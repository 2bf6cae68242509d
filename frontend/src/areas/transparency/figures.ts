import type { PublicOutlet } from './model';

// Amounts of whole rupiah arrive as strings of digits ("1500000") and are compared exactly, as
// integers (BigInt); a share arrives as a fraction with four decimals (0.1234).

/** The whole of a bar, in the units its length is measured in (basis points). */
export const WHOLE = 10_000;

/** A share the server gives as a fraction (0.1234), in basis points (1234), kept between 0 and 10000. */
export function basisPointsOf(share: number): number {
  return Number.isFinite(share) ? Math.min(WHOLE, Math.max(0, Math.round(share * WHOLE))) : 0;
}

/** The outlets, largest paid first (as the server answers; kept so whatever the order it came in). */
export function largestPaidFirst(outlets: readonly PublicOutlet[]): PublicOutlet[] {
  return [...outlets].sort((a, b) => {
    const difference = BigInt(b.paid.amount) - BigInt(a.paid.amount);
    return difference > 0n ? 1 : difference < 0n ? -1 : 0;
  });
}

const countFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** A count as Indonesian documents write it: "1.234". */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** A year as the address names it (`/public/oki/2026`), or null when it names none. */
export function yearOfAddress(text: string | undefined): number | null {
  return text !== undefined && /^\d{4}$/.test(text) ? Number(text) : null;
}

/** A figure's cell: right-aligned, on one line. */
export const RIGHT = { textAlign: 'right', whiteSpace: 'nowrap' } as const;
