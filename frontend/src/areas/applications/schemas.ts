import { z } from 'zod';
import { limits } from '../../api/limits';
import { visitConclusionValues } from '../../api/schema';
import { jakartaToday } from '../../format';

// Lengths and ranges are the server's, from the spec. Messages are i18n keys, translated where
// they are shown (with the field's limits as {{min}} and {{max}}); this area's own carry its
// namespace (`applications:`) so that the shared form hook finds them.

export const newApplicationSchema = z.object({
  outlet_id: z.string({ error: 'fieldError.required' }).nonempty('fieldError.required'),
  fiscal_year: z.string().transform(Number),
});

/** A calendar day picked in a date input. */
const day = z.string().trim().nonempty('fieldError.required').regex(/^\d{4}-\d{2}-\d{2}$/, 'fieldError.invalid_format');

const note = limits.WindowRequest.note;

export const windowSchema = z
  .object({
    fiscal_year: z.string().transform(Number),
    opens_on: day,
    closes_on: day,
    note: z
      .string()
      .trim()
      .max(note.maxLength, 'applications:validation.maxLength')
      .transform((text) => (text === '' ? null : text)),
  })
  .refine((window) => window.closes_on >= window.opens_on, { path: ['closes_on'], message: 'applications:validation.closesBeforeOpens' });

const reason = limits.StepBody.reason;

/** A step's reason: required to send back or reject, optional otherwise; empty is none. */
export function stepSchema(required: boolean) {
  return z.object({
    reason: z
      .string()
      .trim()
      .refine((text) => !required || text !== '', 'applications:validation.reasonRequired')
      .refine((text) => text === '' || text.length >= reason.minLength, 'applications:validation.minLength')
      .refine((text) => text.length <= reason.maxLength, 'applications:validation.maxLength')
      .transform((text) => (text === '' ? null : text)),
  });
}

const reviewNote = limits.ReviewRequest.note;

/** A rejected document's note, which tells the applicant what is wrong with it. */
export const rejectionSchema = z.object({
  note: z
    .string()
    .trim()
    .nonempty('applications:validation.noteRequired')
    .min(reviewNote.minLength, 'applications:validation.minLength')
    .max(reviewNote.maxLength, 'applications:validation.maxLength'),
});

const line = limits.ChecklistLine;
const notes = limits.VisitRequest.notes;

export const visitSchema = z.object({
  visited_on: day.refine((value) => value <= jakartaToday(), 'applications:validation.future'),
  // One name per line, as a team is written down on the visit's form.
  team: z
    .string()
    .transform((text) =>
      text
        .split('\n')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    )
    .pipe(
      z
        .array(z.string().max(line.item.maxLength, 'fieldError.too_long'))
        // The server also caps the team's size; it says so on the field when it is passed.
        .min(1, 'applications:validation.teamRequired'),
    ),
  checklist: z
    .array(
      z.object({
        item: z.string().trim().nonempty('fieldError.required').max(line.item.maxLength, 'fieldError.too_long'),
        ok: z.boolean(),
        note: z
          .string()
          .trim()
          .max(line.note.maxLength, 'fieldError.too_long')
          .transform((text) => (text === '' ? null : text)),
      }),
    ),
  conclusion: z.enum(visitConclusionValues, { error: 'applications:validation.conclusionRequired' }),
  notes: z
    .string()
    .trim()
    .refine((text) => text === '' || text.length >= notes.minLength, 'applications:validation.minLength')
    .refine((text) => text.length <= notes.maxLength, 'applications:validation.maxLength')
    .transform((text) => (text === '' ? null : text)),
});

export type VisitValues = z.input<typeof visitSchema>;
