import { z } from 'zod';
import { ROLES } from '../../api/types';

// Messages are i18n keys, translated where they are shown. The rules mirror the server's.
/** Lower-case letters, digits, '.', '_' and '-', starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
export const PASSWORD_MIN = 12;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'fieldError.username_length')
  .max(64, 'fieldError.username_length')
  .regex(USERNAME_PATTERN, 'fieldError.username_chars');

export const passwordSchema = z.string().min(PASSWORD_MIN, 'fieldError.password_min');

const fullNameSchema = z.string().trim().min(1, 'fieldError.required');

/** Empty means "no email" and is sent as null. */
const emailSchema = z
  .string()
  .trim()
  .refine((value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), 'fieldError.email')
  .transform((value) => (value === '' ? null : value));

const roleSchema = z.enum(ROLES, { error: 'fieldError.required' });
const unitSchema = z.string().nullable();

export const editUserSchema = z.object({
  full_name: fullNameSchema,
  email: emailSchema,
  role: roleSchema,
  unit_id: unitSchema,
});
/** A new user is an edited one plus the login name and the first password. */
export const createUserSchema = editUserSchema.extend({ username: usernameSchema, password: passwordSchema });
export type CreateUserInput = z.input<typeof createUserSchema>;
export type CreateUserValues = z.output<typeof createUserSchema>;

export type EditUserInput = z.input<typeof editUserSchema>;
export type EditUserValues = z.output<typeof editUserSchema>;

export const resetPasswordSchema = z.object({ new_password: passwordSchema });
export type ResetPasswordValues = z.infer<typeof resetPasswordSchema>;
