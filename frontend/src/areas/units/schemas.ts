import { z } from 'zod';
import { limits } from '../../api/limits';

// Lengths and patterns are the server's, from the spec; adding and editing share them. Messages
// are i18n keys, translated where they are shown (with the field's limits as {{min}} and
// {{max}}); this area's own carry its namespace (`units:`) so that the shared form hook finds them.
const { code, name } = limits.CreateUnitRequest;

export const unitSchema = z.object({
  // Upper-cased first, as the server stores codes.
  code: z
    .string()
    .trim()
    .toUpperCase()
    .nonempty('fieldError.required')
    .min(code.minLength, 'units:validation.codeLength')
    .max(code.maxLength, 'units:validation.codeLength')
    .regex(code.pattern, 'units:validation.codeChars'),
  name: z
    .string()
    .trim()
    .nonempty('fieldError.required')
    .min(name.minLength, 'units:validation.nameLength')
    .max(name.maxLength, 'units:validation.nameLength'),
});
