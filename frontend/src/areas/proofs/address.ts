import { limits } from '../../api/limits';
import type { UrlFilters } from '../../hooks/usePagedList';
import { WAITING_STATES } from './model';
import type { WaitingFilters } from './queries';

/** An order's fiscal year is its budget line's, within the years the server keeps budgets for. */
const YEARS = limits.CreateBudgetLineRequest.fiscal_year;

export function isFiscalYear(year: number): boolean {
  return Number.isInteger(year) && year >= YEARS.minimum && year <= YEARS.maximum;
}

/** The search parameters that filter the waiting orders. */
export const WAITING_FILTERS = ['state', 'year'] as const;

/**
 * The filters of an address, keeping only values the API accepts (an address may be hand-edited).
 * Without a state the list is the review queue; without a year it spans every year, since a proof
 * handed in late in December is still reviewed in January.
 */
export function parseWaitingFilters(filters: UrlFilters<(typeof WAITING_FILTERS)[number]>): WaitingFilters {
  const year = Number(filters.year ?? undefined);
  return {
    state: WAITING_STATES.find((state) => state === filters.state) ?? 'published',
    ...(isFiscalYear(year) ? { fiscal_year: year } : {}),
  };
}
