import type { TFunction } from 'i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError } from './errors';
import { fieldErrorCodeValues, problemCodeValues } from './schema';
import type { ProblemCode } from './types';

function isKnown<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** The i18n key for a problem code; codes this build does not know get the generic message. */
export function problemKey(code: string | null | undefined): string {
  return code && isKnown(problemCodeValues, code) ? `problem.${code}` : 'problem.unknown';
}

/** The i18n key for a field error code, to be stored as a react-hook-form message. */
export function fieldErrorKey(code: string): string {
  return isKnown(fieldErrorCodeValues, code) ? `fieldError.${code}` : 'fieldError.invalid';
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
  /** The form field for a server field not named in `fields`, e.g. `lines[2].unit_price` -> `prices.2`. */
  place?: (field: string) => Path<T> | undefined;
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
    const field = known.includes(fieldError.field) ? (fieldError.field as Path<T>) : mapping.place?.(fieldError.field);
    if (field === undefined) continue;
    setError(field, { type: 'server', message: fieldErrorKey(fieldError.code) });
    mapped = true;
  }
  const code = error.problem.code;
  const field = isKnown(problemCodeValues, code) ? mapping.codes?.[code] : undefined;
  if (field !== undefined) {
    setError(field, { type: 'server', message: problemKey(code) });
    mapped = true;
  }
  return mapped;
}
