import type { ReactNode } from 'react';
import type { Permission } from '../api/types';
import { ForbiddenPage } from '../components/ForbiddenPage';
import { useCan } from './hooks';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  return useCan(permission) ? children : <ForbiddenPage />;
}
