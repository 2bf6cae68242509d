import type { UrlFilters } from '../../hooks/usePagedList';
import type { BudgetLineFilters } from './queries';
import { yearOf } from '../../fiscalYear';

export { isFiscalYear, yearOf } from '../../fiscalYear';

/** The search parameters that filter the budget lines. */
export const BUDGET_FILTERS = ['year', 'unit'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The list's filters from the address: always one fiscal year, the one in progress unless named. */
export function parseBudgetFilters(filters: UrlFilters<(typeof BUDGET_FILTERS)[number]>): BudgetLineFilters {
  return {
    fiscal_year: yearOf(filters.year),
    unit_id: filters.unit !== undefined && UUID.test(filters.unit) ? filters.unit : undefined,
  };
}
