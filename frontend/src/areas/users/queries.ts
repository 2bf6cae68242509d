import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { pagedQueryOptions } from '../../api/paging';
import { roleValues } from '../../api/schema';
import type { CreateUserRequest, Role, UpdateUserRequest, User } from '../../api/types';
import type { UrlFilters } from '../../hooks/usePagedList';

/** The search parameters that filter the users list. */
export const USER_FILTERS = ['role', 'active', 'q'] as const;
type UserFilterName = (typeof USER_FILTERS)[number];

interface UserFilters {
  role?: Role;
  active?: boolean;
  q?: string;
}

/** The filters of an address, keeping only values the API accepts (an address may be hand-edited). */
export function parseUserFilters(filters: UrlFilters<UserFilterName>): UserFilters {
  const role = roleValues.find((known) => known === filters.role);
  const active = filters.active === 'true' ? true : filters.active === 'false' ? false : undefined;
  return { role, active, q: filters.q };
}

export const userKeys = {
  all: ['users'] as const,
  list: (filters: UserFilters) => [...userKeys.all, 'list', filters] as const,
};

const PAGE_SIZE = 20;

export function userPagesQuery(filters: UserFilters) {
  return pagedQueryOptions(userKeys.list(filters), (cursor) =>
    unwrap(api.client.GET('/api/v1/users', { params: { query: { limit: PAGE_SIZE, cursor, ...filters } } })),
  );
}

export function createUser(body: CreateUserRequest): Promise<User> {
  return unwrap(api.client.POST('/api/v1/users', { body }));
}

/** Changes a user as they were last read: the server refuses if someone saved them in between. */
export function updateUser(user: User, changes: UpdateUserRequest): Promise<User> {
  return unwrap(
    api.client.PATCH('/api/v1/users/{id}', {
      params: { path: { id: user.id }, header: { 'If-Match': `"${user.version}"` } },
      body: changes,
    }),
  );
}

export async function resetPassword(user: User, body: { new_password: string }): Promise<void> {
  await unwrap(api.client.POST('/api/v1/users/{id}/password', { params: { path: { id: user.id } }, body }));
}

export function disableUser(user: User): Promise<User> {
  return unwrap(api.client.POST('/api/v1/users/{id}/disable', { params: { path: { id: user.id } } }));
}

export function enableUser(user: User): Promise<User> {
  return unwrap(api.client.POST('/api/v1/users/{id}/enable', { params: { path: { id: user.id } } }));
}
