import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { Me, Permission } from '../api/types';
import type { SessionSnapshot } from './session';

export function useSession(): SessionSnapshot {
  return useSyncExternalStore(api.session.subscribe, api.session.getSnapshot);
}

export const meQueryKey = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: () => unwrap(api.client.GET('/api/v1/me')),
    staleTime: 5 * 60_000,
  });
}

/** Whether a user holds a permission (an action string from /me). */
export function holds(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

/** Whether the signed-in user holds a permission; false while /me is loading. */
export function useCan(permission: Permission): boolean {
  const { data } = useMe();
  return data ? holds(data, permission) : false;
}
