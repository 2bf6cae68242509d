import { useDebouncedCallback } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { PagedQueryOptions } from '../api/paging';

/** A list's filters as the address states them; a filter that is not set has no parameter. */
export type UrlFilters<K extends string> = Partial<Record<K, string>>;

interface PagedListOptions<K extends string, TItem> {
  /** The search parameters that filter this list. */
  filters: readonly K[];
  /** The list's query for the filters in the address; it turns their text into API parameters. */
  query: (filters: UrlFilters<K>) => PagedQueryOptions<TItem>;
}

/**
 * A cursor-paged list whose filters live in the address, so that a filtered list can be shared by
 * copying its address: a colleague who opens it sees the same rows.
 */
export function usePagedList<K extends string, TItem>({ filters: names, query }: PagedListOptions<K, TItem>) {
  const [params, setParams] = useSearchParams();
  const filters: UrlFilters<K> = {};
  for (const name of names) {
    const value = params.get(name);
    if (value !== null) filters[name] = value;
  }
  const list = useInfiniteQuery(query(filters));

  // React Router hands an update the parameters of the render that made it, so two edits before
  // the next render (a search box settling just as a select changes) would both start from the
  // same address and the first be lost. Edits made since the address last changed build on each other.
  const pending = useRef<URLSearchParams | null>(null);
  useEffect(() => {
    pending.current = null;
  }, [params]);

  // Filters refine the page rather than lead to another one: replacing the history entry lets
  // Back leave the list instead of undoing one filter change at a time.
  const editFilters = (edit: (params: URLSearchParams) => void) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(pending.current ?? current);
        edit(next);
        pending.current = next;
        return next;
      },
      { replace: true },
    );
  };
  /** Sets one filter; an empty value (or null, from a cleared select) removes its parameter. */
  const setFilter = (name: K, value: string | null) => {
    const text = value?.trim() ?? '';
    editFilters((next) => {
      if (text === '') next.delete(name);
      else next.set(name, text);
    });
  };
  const clearFilters = () => {
    editFilters((next) => {
      for (const name of names) next.delete(name);
    });
  };

  return {
    filters,
    setFilter,
    clearFilters,
    hasFilters: Object.keys(filters).length > 0,
    items: list.data?.pages.flatMap((page) => page.items) ?? [],
    query: list,
  };
}

/** The filters of a paged list, as a search box needs them. */
interface FilteredList<K extends string> {
  filters: UrlFilters<K>;
  setFilter: (name: K, value: string | null) => void;
}

/** How long typing pauses before a search box changes the address (and asks the server). */
const SEARCH_DELAY_MS = 300;

/**
 * Props for a search box bound to one filter of a paged list: what is typed shows at once, and
 * reaches the address once typing pauses.
 */
export function useSearchFilter<K extends string>(list: FilteredList<K>, name: K) {
  const inAddress = list.filters[name] ?? '';
  const [text, setText] = useState(inAddress);
  const [seen, setSeen] = useState(inAddress);
  // When the address changes by other means (a navigation link, Back, clearing the filters), show
  // what it now says; when it changes because this box settled, the box already shows that, perhaps
  // with spaces the address leaves out, and the user may still be typing.
  if (inAddress !== seen) {
    setSeen(inAddress);
    if (inAddress !== text.trim()) setText(inAddress);
  }
  const settle = useDebouncedCallback((value: string) => {
    list.setFilter(name, value);
  }, SEARCH_DELAY_MS);
  return {
    value: text,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      setText(event.currentTarget.value);
      settle(event.currentTarget.value);
    },
  };
}
