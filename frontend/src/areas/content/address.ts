import { contentKindValues } from '../../api/schema';
import type { UrlFilters } from '../../hooks/usePagedList';
import type { ContentKind } from './model';
import type { ContentFilters } from './queries';

/** The search parameters that filter the content bank: its kind, and part of its title. */
export const CONTENT_FILTERS = ['kind', 'q'] as const;

export function isContentKind(value: string | undefined): value is ContentKind {
  return value !== undefined && (contentKindValues as readonly string[]).includes(value);
}

/** The filters of an address, keeping only values the API accepts. */
export function parseContentFilters(filters: UrlFilters<(typeof CONTENT_FILTERS)[number]>): ContentFilters {
  const q = filters.q?.trim();
  return {
    kind: isContentKind(filters.kind) ? filters.kind : undefined,
    q: q ? q : undefined,
  };
}
