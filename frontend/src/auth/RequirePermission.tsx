import type { ReactNode } from 'react';
import { useCan } from './hooks';
import { ForbiddenPage } from '../pages/ForbiddenPage';

export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  return useCan(permission) ? children : <ForbiddenPage />;
}
