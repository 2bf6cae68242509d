import { z } from 'zod';
import { limits } from '../../api/limits';
import { rupiahAmountSchema } from '../../api/money';
import { competenceLevelValues, fileTypeValues, mediaTypeValues, regulationKindValues } from '../../api/schema';
import type { Requirement } from '../../api/types';
import { megabytesToBytes } from './size';

// Messages are i18n keys, translated where they are shown; this area's own carry its namespace
// (`policy:`) so that the shared form hook finds them. Limits come from the spec.

const mediaTypes = z.array(z.enum(mediaTypeValues)).nonempty('policy:validation.mediaTypes');

/** The rate card as its editor holds it: one typed price per rate, in the rate card's order. */
export const pricesSchema = z.object({ prices: z.array(rupiahAmountSchema) });

const requirementRow = z
  .object({
    code: z.string().trim().nonempty('fieldError.required'),
    label: z.object({ id: z.string().trim().nonempty('fieldError.required'), en: z.string().trim().nonempty('fieldError.required') }),
    media_types: mediaTypes,
    mandatory: z.boolean(),
    needs_expiry: z.boolean(),
    file_types: z.array(z.enum(fileTypeValues)).nonempty('policy:validation.fileTypes'),
    max_size_mb: z.string().transform((text, context) => {
      const bytes = megabytesToBytes(text);
      if (bytes === null) {
        context.addIssue({ code: 'custom', message: 'policy:validation.megabytes' });
        return z.NEVER;
      }
      return bytes;
    }),
    /** Added in this edit: its code and names can still be typed. */
    added: z.boolean(),
  })
  .transform(
    (row): Requirement => ({
      code: row.code,
      label: row.label,
      media_types: row.media_types,
      mandatory: row.mandatory,
      needs_expiry: row.needs_expiry,
      file_types: row.file_types,
      max_size_bytes: row.max_size_mb,
    }),
  );

export const requirementsSchema = z.object({ requirements: z.array(requirementRow) });
export type RequirementRow = z.input<typeof requirementRow>;

/** Whole numbers as typed: staff counts, months. */
const wholeNumber = /^\d{1,9}$/;

/**
 * A rule as its editor holds it: the media types it is switched on for, and its one parameter as
 * typed (a level's code, a count, months, an amount), judged by the rule's kind.
 */
const ruleRow = z
  .object({ code: z.string(), kind: z.string(), media_types: mediaTypes, parameter: z.string() })
  .superRefine((row, context) => {
    const value = row.parameter.trim();
    let message: string | null = null;
    if (row.kind === 'editor_competence_at_least' && !competenceLevelValues.some((level) => level === value)) {
      message = 'fieldError.required';
    } else if ((row.kind === 'staff_at_least' || row.kind === 'active_for_months') && !wholeNumber.test(value)) {
      message = 'policy:validation.wholeNumber';
    } else if (row.kind === 'paid_up_capital_at_least') {
      message = rupiahAmountSchema.safeParse(value).error?.issues[0]?.message ?? null;
    }
    if (message !== null) context.addIssue({ code: 'custom', path: ['parameter'], message });
  });

export const rulesSchema = z.object({ rules: z.array(ruleRow) });
export type RuleRow = z.input<typeof ruleRow>;

const regulationLimits = limits.RegulationRequest;

/** A calendar day from a date input; empty means none. */
const day = z
  .string()
  .trim()
  .transform((value) => (value === '' ? null : value));

const regulationFields = z.object({
  kind: z.enum(regulationKindValues, { error: 'fieldError.required' }),
  number: z
    .string()
    .trim()
    .nonempty('fieldError.required')
    .max(regulationLimits.number.maxLength, 'policy:validation.numberLength'),
  year: z
    .string()
    .trim()
    .regex(/^\d{4}$/, 'policy:validation.year')
    .transform(Number)
    .refine((year) => year >= regulationLimits.year.minimum && year <= regulationLimits.year.maximum, 'policy:validation.year'),
  title: z
    .string()
    .trim()
    .min(regulationLimits.title.minLength, 'policy:validation.titleLength')
    .max(regulationLimits.title.maxLength, 'policy:validation.titleLength'),
  effective_from: day,
  effective_until: day,
});

const effectiveDates = regulationFields.pick({ effective_from: true, effective_until: true });

export const regulationSchema = regulationFields.refine(
  (regulation) => !regulation.effective_from || !regulation.effective_until || regulation.effective_until >= regulation.effective_from,
  {
    path: ['effective_until'],
    message: 'policy:validation.endsBeforeStart',
    // Judged as soon as both dates are readable, alongside the other fields' mistakes.
    when: (payload) => effectiveDates.safeParse(payload.value).success,
  },
);
