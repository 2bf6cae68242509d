import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './hooks';

export interface LoginState {
  from?: string;
}

/**
 * Sends visitors without a session to /login, remembering where they wanted to go - unless they
 * just logged out, when the next person to sign in should start at the dashboard.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { signedIn, endReason } = useSession();
  const location = useLocation();
  if (!signedIn) {
    const state: LoginState | null =
      endReason === 'logout' ? null : { from: `${location.pathname}${location.search}${location.hash}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}
