import { z } from 'zod';
import { limits } from '../../api/limits';
import { rupiah, rupiahAmountSchema } from '../../api/money';
import { isBelow } from './amounts';

// Lengths, patterns and ranges are the server's, from the spec. Messages are i18n keys, translated
// where they are shown (with the field's limits as {{min}} and {{max}}); this area's own carry its
// namespace (`budget:`) so that the shared form hook finds them.

const created = limits.CreateBudgetLineRequest;

const accountCode = z
  .string()
  .trim()
  .nonempty('fieldError.required')
  .max(created.account_code.maxLength, 'budget:validation.maxLength')
  .regex(created.account_code.pattern, 'budget:validation.accountCode');

const name = z.string().trim().min(created.name.minLength, 'budget:validation.minLength').max(created.name.maxLength, 'budget:validation.maxLength');

export const newLineSchema = z.object({
  unit_id: z.string({ error: 'fieldError.required' }).nonempty('fieldError.required'),
  fiscal_year: z.string().transform(Number),
  account_code: accountCode,
  name,
  ceiling: rupiahAmountSchema.transform(rupiah),
});

export const editLineSchema = z.object({ account_code: accountCode, name });

const reason = limits.ReviseCeilingRequest.reason;

/**
 * A revised ceiling and why. It cannot fall below `floor`, what agreements reserve or what
 * orders and payments use, which the server refuses too.
 */
export function revisionSchema(floor: string) {
  return z.object({
    ceiling: rupiahAmountSchema
      .refine((amount) => !isBelow(amount, floor), 'budget:validation.belowFloor')
      .transform(rupiah),
    reason: z.string().trim().min(reason.minLength, 'budget:validation.minLength').max(reason.maxLength, 'budget:validation.maxLength'),
  });
}
