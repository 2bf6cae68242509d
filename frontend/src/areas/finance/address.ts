import { useSearchParams } from 'react-router';
import { invoiceStateValues } from '../../api/schema';
import type { UrlFilters } from '../../hooks/usePagedList';
import type { InvoiceFilters } from './queries';
import { yearOf } from '../../fiscalYear';

export { isFiscalYear, yearOf } from '../../fiscalYear';

/** The search parameters that filter the invoices. */
export const INVOICE_FILTERS = ['year', 'state'] as const;

/** The filters of an address, keeping only values the API accepts (an address may be hand-edited). */
export function parseInvoiceFilters(filters: UrlFilters<(typeof INVOICE_FILTERS)[number]>): InvoiceFilters {
  return {
    fiscal_year: yearOf(filters.year),
    state: invoiceStateValues.find((state) => state === filters.state),
  };
}

/** The fiscal year of a page that is not a paged list (`?year=2026`), read and set without leaving the page. */
export function useYearParam() {
  const [params, setParams] = useSearchParams();
  return {
    year: yearOf(params.get('year')),
    setYear: (year: number) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set('year', String(year));
          return next;
        },
        { replace: true },
      );
    },
  };
}
