import { z } from 'zod';
import { limits } from '../../api/limits';
import { jakartaToday } from '../../format';

// Lengths are the server's, from the spec. Messages are i18n keys, translated where they are shown
// (with the field's limits as {{min}} and {{max}}); this area's own carry its namespace
// (`finance:`) so that the shared form hook finds them.

/** A calendar day picked in a date input, not after today in Jakarta (the server refuses the future). */
const pastDay = z
  .string()
  .trim()
  .nonempty('fieldError.required')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'fieldError.invalid_format')
  .refine((day) => day <= jakartaToday(), 'finance:validation.future');

const invoice = limits.InvoiceRequest;

export const invoiceSchema = z.object({
  company_id: z.string().nonempty('finance:validation.companyRequired'),
  // The server also caps how many orders one invoice bills; it says so on the field when passed.
  order_ids: z.array(z.string()).min(1, 'finance:validation.ordersRequired'),
  number: z.string().trim().nonempty('fieldError.required').max(invoice.number.maxLength, 'finance:validation.maxLength'),
  invoice_date: pastDay,
});

export type InvoiceValues = z.input<typeof invoiceSchema>;

const payment = limits.PaymentRequest;

export const paymentSchema = z.object({
  sp2d_number: z.string().trim().nonempty('fieldError.required').max(payment.sp2d_number.maxLength, 'finance:validation.maxLength'),
  sp2d_date: pastDay,
  bank_account_id: z.string().nonempty('finance:validation.accountRequired'),
  withholding_slip_number: z
    .string()
    .trim()
    .max(payment.withholding_slip_number.maxLength, 'finance:validation.maxLength')
    .transform((text) => (text === '' ? null : text)),
});

export type PaymentValues = z.input<typeof paymentSchema>;
