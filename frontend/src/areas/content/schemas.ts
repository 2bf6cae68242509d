import { z } from 'zod';
import { limits } from '../../api/limits';
import { contentKindValues } from '../../api/schema';
import type { ContentKind } from './model';

// Lengths are the server's, from the spec. Messages are i18n keys, translated where they are shown
// (with the field's limits as {{min}} and {{max}}); this area's own carry its namespace
// (`content:`) so that the shared form hook finds them.

const content = limits.ContentRequest;

/** A calendar day picked in a date input. */
const day = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'fieldError.required');

export const contentSchema = z.object({
  kind: z
    .string()
    .refine((kind): kind is ContentKind => (contentKindValues as readonly string[]).includes(kind), 'fieldError.required'),
  title: z.string().trim().min(content.title.minLength, 'content:validation.minLength').max(content.title.maxLength, 'content:validation.maxLength'),
  // The body keeps its paragraphs: only the ends are trimmed, never the blank lines between.
  body: z.string().trim().min(content.body.minLength, 'fieldError.required').max(content.body.maxLength, 'content:validation.maxLength'),
  released_on: day,
});
