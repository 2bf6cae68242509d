import { infiniteQueryOptions, type QueryKey } from '@tanstack/react-query';

/** One page of a cursor-paged list, the shape every list operation of the API returns. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** Query options for a cursor-paged list: each page asks for the one after the last cursor. */
export function pagedQueryOptions<TItem>(queryKey: QueryKey, fetchPage: (cursor: string | undefined) => Promise<Page<TItem>>) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

export type PagedQueryOptions<TItem> = ReturnType<typeof pagedQueryOptions<TItem>>;
