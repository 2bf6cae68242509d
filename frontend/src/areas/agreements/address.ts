import { useSearchParams } from 'react-router';
import { agreementStateValues } from '../../api/schema';
import type { UrlFilters } from '../../hooks/usePagedList';
import type { AgreementFilters } from './queries';
import { yearOf } from '../../fiscalYear';

export { isFiscalYear, yearOf } from '../../fiscalYear';

/** The search parameters that filter the agreements list. */
export const AGREEMENT_FILTERS = ['year', 'state'] as const;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The list's filters from the address, keeping only values the API accepts: always one fiscal year. */
export function parseAgreementFilters(filters: UrlFilters<(typeof AGREEMENT_FILTERS)[number]>): AgreementFilters {
  return {
    fiscal_year: yearOf(filters.year),
    state: agreementStateValues.find((state) => state === filters.state),
  };
}

/**
 * Search parameters of a page that are not list filters (`?year=2027&application=...`), set
 * without leaving the page: Back leaves the page rather than undoing each choice.
 */
export function useAddressParams() {
  const [params, setParams] = useSearchParams();
  return {
    get: (name: string) => params.get(name),
    set: (changes: Record<string, string | null>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(name);
            else next.set(name, value);
          }
          return next;
        },
        { replace: true },
      );
    },
  };
}
