import type { TFunction } from 'i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from './errors';

/** Every `code` the contract promises; each has a translation under `problem.<code>`. */
export const PROBLEM_CODES = [
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unsupported_media_type',
  'invalid_path_parameter',
  'invalid_query_parameter',
  'not_found',
  'method_not_allowed',
  'unauthenticated',
  'invalid_token',
  'token_expired',
  'forbidden',
  'invalid_credentials',
  'too_many_attempts',
  'invalid_refresh_token',
  'refresh_token_reused',
  'username_taken',
  'unit_code_taken',
  'unknown_unit',
  'cannot_disable_self',
  'cannot_change_own_role',
  'precondition_required',
  'precondition_failed',
  'internal_error',
  'service_unavailable',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Every FieldError.code; each has a translation under `fieldError.<code>`. */
export const FIELD_ERROR_CODES = [
  'required',
  'too_short',
  'too_long',
  'invalid_format',
  'invalid_value',
  'unknown_unit',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

function isKnown<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** The i18n key for a problem code; unknown codes get the generic message. */
export function problemKey(code: string | null | undefined): string {
  return code && isKnown(PROBLEM_CODES, code) ? `problem.${code}` : 'problem.unknown';
}

/** The i18n key for a field error code, to be stored as a react-hook-form message. */
export function fieldErrorKey(code: string): string {
  return isKnown(FIELD_ERROR_CODES, code) ? `fieldError.${code}` : 'fieldError.invalid';
}

/**
 * A translated, user-facing message for any error thrown by an API call. The server's `title`,
 * `detail` and field `message` are never shown: only the stable codes are.
 */
export function problemMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('problem.network');
  const message = t(problemKey(error.code));
  if (error.code === 'too_many_attempts' && error.retryAfter !== null && error.retryAfter > 0) {
    const hint =
      error.retryAfter < 120
        ? t('problem.retrySeconds', { count: error.retryAfter })
        : t('problem.retryMinutes', { count: Math.ceil(error.retryAfter / 60) });
    return `${message} ${hint}`;
  }
  return message;
}

export interface FieldMapping<T extends FieldValues> {
  /** The form's fields that carry the same names as the API's fields. */
  fields: readonly Path<T>[];
  /** Problem codes that concern one field, e.g. `username_taken` -> `username`. */
  codes?: Partial<Record<ProblemCode, Path<T>>>;
}

/**
 * Put the problem's field errors onto the form. Messages are i18n keys (translated when shown),
 * so a language switch also changes messages already on screen. Returns true when at least one
 * error landed on a field.
 */
export function applyFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  mapping: FieldMapping<T>,
): boolean {
  if (!(error instanceof ApiError) || !error.problem) return false;
  let mapped = false;
  const known = mapping.fields as readonly string[];
  for (const fieldError of error.problem.errors ?? []) {
    if (!known.includes(fieldError.field)) continue;
    setError(fieldError.field as Path<T>, { type: 'server', message: fieldErrorKey(fieldError.code) });
    mapped = true;
  }
  const code = error.problem.code;
  const field = isKnown(PROBLEM_CODES, code) ? mapping.codes?.[code] : undefined;
  if (field !== undefined) {
    setError(field, { type: 'server', message: problemKey(code) });
    mapped = true;
  }
  return mapped;
}
