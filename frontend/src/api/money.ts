import { z } from 'zod';
import { limits } from './limits';
import type { Rupiah } from './types';

/** "1.500.000": digits grouped by three with dots, as Indonesian writes amounts. */
const GROUPED = /^\d{1,3}(?:\.\d{3})+$/;

/**
 * An amount as an officer types it ("1.500.000", "Rp 1.500.000", "1500000") as the API's string
 * of whole rupiah ("1500000"), or null when it is not a whole amount the server takes. A comma
 * would start decimals, which rupiah amounts never have; a dot only groups thousands, so "1.5"
 * is refused rather than read as fifteen rupiah.
 */
export function wholeRupiah(text: string): string | null {
  const bare = text.trim().replace(/^rp\.?/i, '').replace(/\s/g, '');
  const digits = GROUPED.test(bare) ? bare.replaceAll('.', '') : bare;
  const amount = digits.replace(/^0+(?=\d)/, '');
  return limits.Rupiah.amount.pattern.test(amount) ? amount : null;
}

/** A form field holding an amount of whole rupiah; its output is the API's amount string. */
export const rupiahAmountSchema = z
  .string()
  .trim()
  .nonempty('fieldError.required')
  .transform((text, context) => {
    const amount = wholeRupiah(text);
    if (amount === null) {
      context.addIssue({ code: 'custom', message: 'validation.wholeRupiah' });
      return z.NEVER;
    }
    return amount;
  });

export function rupiah(amount: string): Rupiah {
  return { amount, currency: 'IDR' };
}
