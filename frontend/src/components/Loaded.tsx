import { Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { PageLoader } from './PageLoader';

/**
 * Data once it is read: a loader while it is on its way, the reason (and a retry) when it could
 * not be read, a sentence when there is nothing to show, else what `children` draws of it. The
 * dashboard's cards and the reports share it, so that each says the same at each step.
 */
export function Loaded<T>({ query, empty, children }: { query: UseQueryResult<T>; empty: (data: T) => string | null; children: (data: T) => ReactNode }) {
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const nothing = empty(query.data);
  if (nothing !== null) return <Text c="dimmed">{nothing}</Text>;
  return <>{children(query.data)}</>;
}
