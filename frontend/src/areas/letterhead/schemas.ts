import { z } from 'zod';
import { limits } from '../../api/limits';

// Lengths are the server's, from the spec. Messages are i18n keys, translated where they are
// shown with the field's limits as {{min}} and {{max}}.
const rules = limits.LetterheadRequest;

const required = (rule: { minLength?: number; maxLength?: number }) =>
  z
    .string()
    .trim()
    .nonempty('fieldError.required')
    .min(rule.minLength ?? 1, 'letterhead:validation.length')
    .max(rule.maxLength ?? 1000, 'letterhead:validation.length');

/** Optional text: blank is sent as null, which the server takes as "not printed". */
const optional = (rule: { minLength?: number; maxLength?: number }) =>
  z
    .string()
    .trim()
    .refine((text) => text === '' || (text.length >= (rule.minLength ?? 1) && text.length <= (rule.maxLength ?? 1000)), 'letterhead:validation.length')
    .transform((text) => (text === '' ? null : text));

export const letterheadSchema = z.object({
  government: required(rules.government),
  office: required(rules.office),
  address: required(rules.address),
  phone: optional(rules.phone),
  email: optional(rules.email).refine((text) => text === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(text), 'letterhead:validation.email'),
  website: optional(rules.website),
  city: required(rules.city),
  signatory_name: required(rules.signatory_name),
  signatory_title: required(rules.signatory_title),
  signatory_nip: z
    .string()
    .trim()
    .refine((text) => text === '' || /^\d{18}$/u.test(text.replace(/ /gu, '')), 'letterhead:validation.nip')
    .transform((text) => (text === '' ? null : text)),
});
