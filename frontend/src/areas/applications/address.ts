import { useSearchParams } from 'react-router';
import { limits } from '../../api/limits';
import { applicationStateValues } from '../../api/schema';
import { jakartaYear } from '../../format';
import type { UrlFilters } from '../../hooks/usePagedList';
import type { ApplicationFilters } from './queries';

/** The fiscal years the server takes applications and windows for. */
const YEARS = limits.CreateApplicationRequest.fiscal_year;

export function isFiscalYear(year: number): boolean {
  return Number.isInteger(year) && year >= YEARS.minimum && year <= YEARS.maximum;
}

/** A year the address names, or the one in progress in Jakarta when it names none (or a mangled one). */
export function yearOf(text: string | null | undefined): number {
  const asked = Number(text ?? undefined);
  return isFiscalYear(asked) ? asked : jakartaYear();
}

/** The search parameters that filter the applications list. */
export const APPLICATION_FILTERS = ['year', 'state', 'company'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The filters of an address, keeping only values the API accepts (an address may be hand-edited).
 * The list is always of one fiscal year: the one in progress unless the address names another.
 */
export function parseApplicationFilters(filters: UrlFilters<(typeof APPLICATION_FILTERS)[number]>): ApplicationFilters {
  return {
    fiscal_year: yearOf(filters.year),
    state: applicationStateValues.find((state) => state === filters.state),
    company_id: filters.company !== undefined && UUID.test(filters.company) ? filters.company : undefined,
  };
}

/**
 * One search parameter of a page that is not a list filter (`?year=2027`, `?within=90`), read and
 * set without leaving the page: Back leaves the page rather than undoing the choice.
 */
export function useAddressParam(name: string) {
  const [params, setParams] = useSearchParams();
  return {
    value: params.get(name),
    set: (value: string) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set(name, value);
          return next;
        },
        { replace: true },
      );
    },
  };
}
