import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageLoader } from '../components/PageLoader';
import { useSession } from './hooks';

export interface LoginState {
  from?: string;
}

/**
 * Sends visitors without a session to /login, remembering where they wanted to go - unless they
 * just logged out, when the next person to sign in should start at the dashboard. While a
 * session left by a reload is being renewed, it waits instead: the answer decides.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { signedIn, restoring, endReason } = useSession();
  const location = useLocation();
  if (restoring) return <PageLoader fullScreen />;
  if (!signedIn) {
    const state: LoginState | null =
      endReason === 'logout' ? null : { from: `${location.pathname}${location.search}${location.hash}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}
