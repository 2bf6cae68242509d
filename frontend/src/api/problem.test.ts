import { renderHook, act } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import i18n from '../i18n';
import { ApiError } from './errors';
import { applyFieldErrors, fieldErrorKey, problemKey, problemMessage } from './problem';
import type { FieldErrorCode, Problem, ProblemCode } from './types';

const t = i18n.getFixedT('id');
const tEn = i18n.getFixedT('en');

/** A problem as the server sends it; a newer server may send codes this build does not know. */
function problem(code: string, extra: Partial<Problem> = {}): Problem {
  return { type: 'about:blank', title: 'Unauthorized (server prose)', status: 400, code: code as ProblemCode, detail: 'secret detail', ...extra };
}

describe('problemMessage', () => {
  it('translates a known code in both languages and never shows server prose', () => {
    const error = new ApiError(401, problem('invalid_credentials'));
    expect(problemMessage(t, error)).toBe('Nama pengguna atau kata sandi salah.');
    expect(problemMessage(tEn, error)).toBe('Wrong username or password.');
    expect(problemMessage(t, error)).not.toContain('server prose');
  });

  it('shows a generic translated message for an unknown code', () => {
    const error = new ApiError(418, problem('brand_new_code', { detail: 'I am a teapot' }));
    expect(problemMessage(t, error)).toBe('Terjadi kesalahan. Silakan coba lagi.');
    expect(problemMessage(tEn, error)).toBe('Something went wrong. Please try again.');
  });

  it('shows a generic message for a body that is not a problem', () => {
    expect(problemMessage(tEn, new ApiError(502, null))).toBe('Something went wrong. Please try again.');
  });

  it('treats a thrown non-API error as a network failure', () => {
    expect(problemMessage(tEn, new TypeError('Failed to fetch'))).toBe('Cannot reach the server. Check your connection.');
  });

  it('adds the retry hint from Retry-After to too_many_attempts', () => {
    const inSeconds = new ApiError(429, problem('too_many_attempts'), 30);
    expect(problemMessage(t, inSeconds)).toBe('Terlalu banyak percobaan masuk. Coba lagi nanti. Coba lagi dalam 30 detik.');
    expect(problemMessage(tEn, new ApiError(429, problem('too_many_attempts'), 1))).toBe(
      'Too many sign-in attempts. Try again later. Try again in 1 second.',
    );
    expect(problemMessage(tEn, new ApiError(429, problem('too_many_attempts'), 600))).toBe(
      'Too many sign-in attempts. Try again later. Try again in 10 minutes.',
    );
    expect(problemMessage(tEn, new ApiError(429, problem('too_many_attempts')))).toBe('Too many sign-in attempts. Try again later.');
  });

  it('maps codes to keys, unknown ones to the generic key', () => {
    expect(problemKey('username_taken')).toBe('problem.username_taken');
    expect(problemKey('nope')).toBe('problem.unknown');
    expect(problemKey(null)).toBe('problem.unknown');
    expect(fieldErrorKey('too_short')).toBe('fieldError.too_short');
    expect(fieldErrorKey('whatever')).toBe('fieldError.invalid');
  });
});

describe('applyFieldErrors', () => {
  interface Values {
    username: string;
    password: string;
    unit_id: string | null;
  }

  function setup() {
    return renderHook(() => {
      const form = useForm<Values>({ defaultValues: { username: '', password: '', unit_id: null } });
      // formState is a proxy: reading errors during render subscribes to them.
      const { errors } = form.formState;
      return { ...form, errors };
    }).result;
  }

  it('puts each field error on its field as a translatable key', () => {
    const form = setup();
    const error = new ApiError(
      400,
      problem('validation_failed', {
        errors: [
          { field: 'username', code: 'invalid_format', message: 'must match [a-z0-9._-]' },
          { field: 'password', code: 'too_short', message: 'at least 12' },
          { field: 'password', code: 'mystery' as FieldErrorCode, message: 'server prose' },
          { field: 'not_a_form_field', code: 'required', message: 'x' },
        ],
      }),
    );
    let mapped = false;
    act(() => {
      mapped = applyFieldErrors(error, form.current.setError, { fields: ['username', 'password', 'unit_id'] });
    });
    expect(mapped).toBe(true);
    const { errors } = form.current.formState;
    expect(errors.username?.message).toBe('fieldError.invalid_format');
    // The last error for a field wins; an unknown code becomes the generic one.
    expect(errors.password?.message).toBe('fieldError.invalid');
    expect(t(errors.username?.message ?? '')).toBe('Format tidak valid.');
    expect(tEn(errors.username?.message ?? '')).toBe('Invalid format.');
    expect(errors.unit_id).toBeUndefined();
  });

  it('puts a field-specific problem code on its field', () => {
    const form = setup();
    act(() => {
      applyFieldErrors(new ApiError(409, problem('username_taken')), form.current.setError, {
        fields: ['username'],
        codes: { username_taken: 'username', unknown_unit: 'unit_id' },
      });
    });
    expect(form.current.formState.errors.username?.message).toBe('problem.username_taken');
    expect(tEn('problem.username_taken')).toBe('This username is already taken.');
  });

  it('places an error on a nested field the form names differently', () => {
    const form = renderHook(() => {
      const hook = useForm<{ prices: string[] }>({ defaultValues: { prices: ['1', '2', '3'] } });
      const { errors } = hook.formState;
      return { ...hook, errors };
    }).result;
    const error = new ApiError(
      400,
      problem('validation_failed', {
        errors: [
          { field: 'lines[2].unit_price', code: 'out_of_range', message: 'x' },
          { field: 'elsewhere', code: 'required', message: 'x' },
        ],
      }),
    );
    let mapped = false;
    act(() => {
      mapped = applyFieldErrors(error, form.current.setError, {
        fields: ['prices'],
        place: (field) => {
          const row = /^lines\[(\d+)\]/.exec(field)?.[1];
          return row === undefined ? undefined : `prices.${Number(row)}`;
        },
      });
    });
    expect(mapped).toBe(true);
    expect(form.current.formState.errors.prices?.[2]?.message).toBe('fieldError.out_of_range');
    expect(form.current.formState.errors.prices?.[0]).toBeUndefined();
  });

  it('reports nothing mapped for errors without field information', () => {
    const form = setup();
    let mapped = true;
    act(() => {
      mapped = applyFieldErrors(new ApiError(500, problem('internal_error')), form.current.setError, { fields: ['username'] });
    });
    expect(mapped).toBe(false);
    act(() => {
      mapped = applyFieldErrors(new TypeError('offline'), form.current.setError, { fields: ['username'] });
    });
    expect(mapped).toBe(false);
  });
});
