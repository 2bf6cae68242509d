import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import type { BaseSyntheticEvent } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { applyFieldErrors, problemMessage } from '../api/problem';
import type { FieldLimit } from '../api/limits';
import type { ProblemCode } from '../api/types';

interface ApiFormOptions<TInput extends FieldValues, TOutput extends FieldValues, TData> {
  /**
   * The form's rules, an object whose fields carry the names of the request's fields (so the
   * server's field errors find them). Messages are i18n keys.
   */
  schema: z.ZodType<TOutput, TInput> & { shape: object };
  defaultValues: DefaultValues<TInput>;
  /** Sends the checked values; `changed` holds only the fields the user edited. */
  send: (values: TOutput, changed: Partial<TOutput>) => Promise<TData>;
  /** Problem codes that concern one field, e.g. `username_taken` on `username`. */
  fieldCodes?: Partial<Record<ProblemCode, Path<TInput>>>;
  /**
   * Where a server field error lands when the form has no field of that name, e.g.
   * `policy.rate_card[2].max_unit_price` on a table's `prices.2`; undefined leaves it to the
   * form-level message.
   */
  placeFieldError?: (field: string) => Path<TInput> | undefined;
  /**
   * The request's limits (e.g. `limits.CreateUserRequest`). A field's messages may name its
   * `{{min}}` and `{{max}}` (a text's length or a number's range), so that they always say what
   * the server checks.
   */
  limits?: Readonly<Record<string, FieldLimit>>;
  /** For edit forms: called instead of the server when the user changed nothing. */
  onUnchanged?: () => void;
  onSuccess?: (data: TData) => void;
  onError?: (error: unknown) => void;
}

/**
 * A form that is checked in the browser by the same rules as the server's, then sent; a refusal
 * puts the server's field errors on their fields and its problem above the form. Every message
 * is shown by its code, translated when rendered, so a language switch also changes them.
 */
export function useApiForm<TInput extends FieldValues, TOutput extends FieldValues, TData>(
  options: ApiFormOptions<TInput, TOutput, TData>,
) {
  const { schema, defaultValues, send, fieldCodes, placeFieldError, limits, onUnchanged, onSuccess, onError } = options;
  const { t } = useTranslation();
  const form = useForm<TInput, unknown, TOutput>({ resolver: zodResolver<TInput, unknown, TOutput>(schema), defaultValues });
  const mutation = useMutation({
    mutationFn: ({ values, changed }: { values: TOutput; changed: Partial<TOutput> }) => send(values, changed),
    onSuccess: (data) => {
      // A dialog opened again after a success starts empty.
      form.reset();
      mutation.reset();
      onSuccess?.(data);
    },
    onError: (error) => {
      applyFieldErrors(error, form.setError, {
        fields: Object.keys(schema.shape) as Path<TInput>[],
        codes: fieldCodes,
        place: placeFieldError,
      });
      onError?.(error);
    },
  });

  // Read during render: react-hook-form keeps only the state read there up to date.
  const dirty: Partial<Record<string, unknown>> = form.formState.dirtyFields;
  const submit = (event?: BaseSyntheticEvent) =>
    void form.handleSubmit((values) => {
      const changed = Object.fromEntries(Object.entries(values).filter(([name]) => dirty[name])) as Partial<TOutput>;
      if (onUnchanged && Object.keys(changed).length === 0) onUnchanged();
      else mutation.mutate({ values, changed });
    })(event);

  /** The translated message on a field, for a Mantine input's `error`. */
  const fieldError = (name: Path<TInput>): string | undefined => {
    const message = form.getFieldState(name, form.formState).error?.message;
    const limit = limits?.[name];
    return message ? t(message, { min: limit?.minLength ?? limit?.minimum, max: limit?.maxLength ?? limit?.maximum }) : undefined;
  };

  return {
    form,
    submit,
    fieldError,
    /** Why the server refused the form, translated; null until it does. */
    formError: mutation.isError ? problemMessage(t, mutation.error) : null,
    pending: mutation.isPending,
    /** Forgets the server's refusal, e.g. when its dialog is cancelled. */
    clearError: () => mutation.reset(),
  };
}

export type ApiForm = ReturnType<typeof useApiForm>;
