import { z } from 'zod';
import { limits } from '../../api/limits';
import { roleValues } from '../../api/schema';

// Lengths and patterns are the server's, from the spec. Messages are i18n keys, translated where
// they are shown (with the field's limits as {{min}} and {{max}}); this area's own carry its
// namespace (`users:`) so that the shared form hook finds them.
const { username, full_name, email, password } = limits.CreateUserRequest;

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(username.minLength, 'users:validation.usernameLength')
  .max(username.maxLength, 'users:validation.usernameLength')
  .regex(username.pattern, 'users:validation.usernameChars');

/** Passwords are taken as typed, spaces included, as the server takes them. */
function passwordSchema(limit: { minLength: number; maxLength: number }) {
  return z.string().min(limit.minLength, 'users:validation.passwordMin').max(limit.maxLength, 'users:validation.passwordMax');
}

const fullNameSchema = z
  .string()
  .trim()
  .min(full_name.minLength, 'fieldError.required')
  .max(full_name.maxLength, 'users:validation.fullNameMax');

/**
 * The server's shape rule for an address (the mail server is the real judge): something before
 * one '@', and a domain with a dot inside it, all without spaces.
 */
function looksLikeEmail(text: string): boolean {
  const [local, domain, ...more] = text.split('@');
  return (
    more.length === 0 &&
    Boolean(local) &&
    domain !== undefined &&
    domain.includes('.') &&
    !domain.startsWith('.') &&
    !domain.endsWith('.') &&
    !/\s/.test(text)
  );
}

/** Empty means "no email" and is sent as null. */
const emailSchema = z
  .string()
  .trim()
  .refine((value) => value === '' || value.length <= email.maxLength, 'users:validation.emailMax')
  .refine((value) => value === '' || (value.length >= email.minLength && looksLikeEmail(value)), 'users:validation.email')
  .transform((value) => (value === '' ? null : value));

const roleSchema = z.enum(roleValues, { error: 'fieldError.required' });
const unitSchema = z.string().nullable();

export const editUserSchema = z.object({
  full_name: fullNameSchema,
  email: emailSchema,
  role: roleSchema,
  unit_id: unitSchema,
});
/** A new user is an edited one plus the login name and the first password. */
export const createUserSchema = editUserSchema.extend({ username: usernameSchema, password: passwordSchema(password) });

export const resetPasswordSchema = z.object({ new_password: passwordSchema(limits.ResetPasswordRequest.new_password) });
