import { limits } from '../../api/limits';
import { jakartaYear } from '../../format';
import type { UrlFilters } from '../../hooks/usePagedList';
import type { BudgetLineFilters } from './queries';

/** The fiscal years the server takes budget lines for. */
const YEARS = limits.CreateBudgetLineRequest.fiscal_year;

export function isFiscalYear(year: number): boolean {
  return Number.isInteger(year) && year >= YEARS.minimum && year <= YEARS.maximum;
}

/** A year the address names, or the one in progress in Jakarta when it names none (or a mangled one). */
export function yearOf(text: string | null | undefined): number {
  const asked = Number(text ?? undefined);
  return isFiscalYear(asked) ? asked : jakartaYear();
}

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
