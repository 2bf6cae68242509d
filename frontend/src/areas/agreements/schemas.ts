import { z } from 'zod';
import { limits } from '../../api/limits';
import { terminationGroundValues } from '../../api/schema';

// Messages are i18n keys, translated where they are shown; this area's own carry its namespace
// (`agreements:`) so that the shared form hook finds them. Limits come from the spec.

const reason = limits.AgreementStepBody.reason;

/** A step's ground and reason: a termination names both; the other steps may carry a note. */
export function stepSchema(terminating: boolean) {
  return z.object({
    ground: z
      .string()
      .refine((ground) => !terminating || ground !== '', 'agreements:validation.groundRequired')
      .transform((ground) => terminationGroundValues.find((value) => value === ground) ?? null),
    reason: z
      .string()
      .trim()
      .refine((text) => !terminating || text !== '', 'agreements:validation.reasonRequired')
      .refine((text) => text === '' || text.length >= reason.minLength, 'agreements:validation.minLength')
      .refine((text) => text.length <= reason.maxLength, 'agreements:validation.maxLength')
      .transform((text) => (text === '' ? null : text)),
  });
}
