import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSession } from './hooks';

/** Drops every cached server answer when the session ends, so the next user sees none of it. */
export function SessionWatcher() {
  const { signedIn } = useSession();
  const queryClient = useQueryClient();
  const wasSignedIn = useRef(signedIn);
  useEffect(() => {
    if (wasSignedIn.current && !signedIn) queryClient.clear();
    wasSignedIn.current = signedIn;
  }, [signedIn, queryClient]);
  return null;
}
