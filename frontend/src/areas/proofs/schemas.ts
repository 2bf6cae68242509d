import { z } from 'zod';
import { limits } from '../../api/limits';
import { proofKindValues } from '../../api/schema';
import { asksPaidLabel, type ProofKind, type ProofRequest } from './model';

// Lengths, ranges and patterns are the server's, from the spec. Messages are i18n keys, translated
// where they are shown (with the field's limits as {{min}} and {{max}}); this area's own carry its
// namespace (`proofs:`) so that the shared form hook finds them.

const reviewNote = limits.ProofReviewRequest.note;

/** A review's note: required to reject a proof (the company reads what it does not show), optional to verify it. */
export function reviewSchema(required: boolean) {
  return z.object({
    note: z
      .string()
      .trim()
      .refine((text) => !required || text !== '', 'proofs:validation.noteRequired')
      .refine((text) => text === '' || text.length >= reviewNote.minLength, 'proofs:validation.minLength')
      .refine((text) => text.length <= reviewNote.maxLength, 'proofs:validation.maxLength')
      .transform((text) => (text === '' ? null : text)),
  });
}

const reason = limits.OrderStepBody.reason;

/** A decision's reason: required to reject the order's proof, optional to verify it. */
export function decisionSchema(required: boolean) {
  return z.object({
    reason: z
      .string()
      .trim()
      .refine((text) => !required || text !== '', 'proofs:validation.reasonRequired')
      .refine((text) => text === '' || text.length >= reason.minLength, 'proofs:validation.minLength')
      .refine((text) => text.length <= reason.maxLength, 'proofs:validation.maxLength')
      .transform((text) => (text === '' ? null : text)),
  });
}

const proof = limits.ProofRequest;

/** What each kind of proof must show, as the server requires it. */
const REQUIRED: Record<ProofKind, readonly ProofField[]> = {
  url: ['url', 'captured_at', 'content_sha256'],
  clipping: ['edition', 'published_on', 'page'],
  broadcast_log: ['published_on', 'aired_at', 'duration_seconds'],
  delivery_receipt: ['edition', 'published_on', 'received_by'],
};

type ProofField = 'url' | 'captured_at' | 'content_sha256' | 'edition' | 'published_on' | 'page' | 'aired_at' | 'duration_seconds' | 'received_by';

/** The fields a kind of proof shows, in the order the form asks for them. */
export function fieldsOf(kind: ProofKind): readonly ProofField[] {
  return REQUIRED[kind];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A moment as a `datetime-local` input gives it, meant in Jakarta. */
const LOCAL_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?$/;
/** An http(s) address with a host that has a dot, as the server takes a published page's. */
const WEB_ADDRESS = /^https?:\/\/[^\s/]+\.[^\s/]+(\/\S*)?$/i;

/**
 * A proof as it is typed. Every field is text so that switching the kind keeps what was typed;
 * only the kind's own fields are checked and sent.
 */
export const proofSchema = z
  .object({
    kind: z.enum(proofKindValues),
    quantity: z.string().trim(),
    paid_content_labelled: z.boolean(),
    url: z.string().trim(),
    captured_at: z.string().trim(),
    content_sha256: z.string().trim(),
    edition: z.string().trim(),
    published_on: z.string().trim(),
    page: z.string().trim(),
    aired_at: z.string().trim(),
    duration_seconds: z.string().trim(),
    received_by: z.string().trim(),
    note: z.string().trim(),
  })
  .superRefine((values, context) => {
    const fail = (path: keyof typeof values, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    const inRange = (text: string, range: { minimum: number; maximum: number }) =>
      /^\d+$/.test(text) && Number(text) >= range.minimum && Number(text) <= range.maximum;

    if (values.quantity === '') fail('quantity', 'fieldError.required');
    else if (!inRange(values.quantity, proof.quantity)) fail('quantity', 'proofs:validation.range');

    for (const field of REQUIRED[values.kind]) {
      const text = values[field];
      if (text === '') {
        fail(field, 'fieldError.required');
        continue;
      }
      switch (field) {
        case 'url':
          if (text.length > proof.url.maxLength) fail(field, 'proofs:validation.maxLength');
          else if (!WEB_ADDRESS.test(text)) fail(field, 'proofs:validation.url');
          break;
        case 'captured_at':
          if (!LOCAL_MOMENT.test(text)) fail(field, 'fieldError.invalid_format');
          break;
        case 'content_sha256':
          if (!proof.content_sha256.pattern.test(text)) fail(field, 'proofs:validation.sha256');
          break;
        case 'published_on':
          if (!DAY.test(text)) fail(field, 'fieldError.invalid_format');
          break;
        case 'aired_at':
          if (!TIME.test(text)) fail(field, 'fieldError.invalid_format');
          break;
        case 'duration_seconds':
          if (!inRange(text, proof.duration_seconds)) fail(field, 'proofs:validation.range');
          break;
        case 'edition':
        case 'page':
        case 'received_by':
          if (text.length > proof[field].maxLength) fail(field, 'proofs:validation.maxLength');
          break;
      }
    }
    if (values.note !== '' && values.note.length < proof.note.minLength) fail('note', 'proofs:validation.minLength');
    if (values.note.length > proof.note.maxLength) fail('note', 'proofs:validation.maxLength');
  });

export type ProofValues = z.input<typeof proofSchema>;

/** A moment typed in a `datetime-local` input, meant in Jakarta, as an RFC 3339 instant. */
export function jakartaMoment(local: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return new Date(`${withSeconds}+07:00`).toISOString();
}

/** The request for a checked proof: its kind's own fields only. */
export function proofRequest(values: z.output<typeof proofSchema>): ProofRequest {
  const { kind } = values;
  const body: ProofRequest = {
    kind,
    quantity: Number(values.quantity),
    note: values.note === '' ? null : values.note,
    ...(asksPaidLabel(kind) ? { paid_content_labelled: values.paid_content_labelled } : {}),
  };
  switch (kind) {
    case 'url':
      return { ...body, url: values.url, captured_at: jakartaMoment(values.captured_at), content_sha256: values.content_sha256.toLowerCase() };
    case 'clipping':
      return { ...body, edition: values.edition, published_on: values.published_on, page: values.page };
    case 'broadcast_log':
      return {
        ...body,
        published_on: values.published_on,
        aired_at: values.aired_at.length === 5 ? `${values.aired_at}:00` : values.aired_at,
        duration_seconds: Number(values.duration_seconds),
      };
    case 'delivery_receipt':
      return { ...body, edition: values.edition, published_on: values.published_on, received_by: values.received_by };
  }
}
