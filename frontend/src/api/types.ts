import type { components } from './schema';

type Schemas = components['schemas'];

export type TokenPair = Schemas['TokenPair'];
export type Me = Schemas['Me'];
export type Organisation = Schemas['Organisation'];
export type Unit = Schemas['Unit'];
export type Role = Schemas['Role'];
export type User = Schemas['User'];
export type UserPage = Schemas['UserPage'];
export type CreateUserRequest = Schemas['CreateUserRequest'];
export type UpdateUserRequest = Schemas['UpdateUserRequest'];
export type AuditEvent = Schemas['AuditEvent'];
export type AuditEventPage = Schemas['AuditEventPage'];
export type ChainVerification = Schemas['ChainVerification'];
export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];

export const ROLES = ['admin', 'verifier', 'officer', 'treasurer', 'auditor'] as const satisfies readonly Role[];
