import { z } from 'zod';
import { limits } from '../../api/limits';
import { jakartaToday } from '../../format';

// Lengths and ranges are the server's, from the spec. Messages are i18n keys, translated where
// they are shown (with the field's limits as {{min}} and {{max}}); this area's own carry its
// namespace (`orders:`) so that the shared form hook finds them.

const issue = limits.IssueOrderRequest;

/** A calendar day picked in a date input. */
const day = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'fieldError.required');

const orderFields = z.object({
  /** Only to pick a line from: the order names its agreement line. */
  agreement_id: z.string().nonempty('fieldError.required'),
  agreement_line_id: z.string().nonempty('fieldError.required'),
  quantity: z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, 'orders:validation.quantity')
    .transform(Number)
    .refine((quantity) => quantity >= issue.quantity.minimum && quantity <= issue.quantity.maximum, 'orders:validation.quantity'),
  subject: z.string().trim().min(issue.subject.minLength, 'orders:validation.minLength').max(issue.subject.maxLength, 'orders:validation.maxLength'),
  instructions: z
    .string()
    .trim()
    .max(issue.instructions.maxLength, 'orders:validation.maxLength')
    .transform((text) => (text === '' ? null : text)),
  // An order comes before publication: its window opens today at the earliest.
  due_from: day.refine((value) => value >= jakartaToday(), 'orders:validation.pastDay'),
  due_until: day,
  /** The press release or material the company is to publish, if any: picked, never typed. */
  content_item_id: z.string().transform((id) => (id === '' ? null : id)),
});

const window = orderFields.pick({ due_from: true, due_until: true });

export const issueSchema = orderFields.refine((order) => order.due_until >= order.due_from, {
  path: ['due_until'],
  message: 'orders:validation.untilBeforeFrom',
  // Judged as soon as both days are readable, alongside the other fields' mistakes.
  when: (payload) => window.safeParse(payload.value).success,
});

const reason = limits.OrderStepBody.reason;

/** A step's reason: required to decline or cancel, which the company reads; none to accept. */
export function stepSchema(required: boolean) {
  return z.object({
    reason: z
      .string()
      .trim()
      .refine((text) => !required || text !== '', 'orders:validation.reasonRequired')
      .refine((text) => text === '' || text.length >= reason.minLength, 'orders:validation.minLength')
      .refine((text) => text.length <= reason.maxLength, 'orders:validation.maxLength')
      .transform((text) => (text === '' ? null : text)),
  });
}
