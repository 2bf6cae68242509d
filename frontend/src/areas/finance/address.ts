import { useSearchParams } from 'react-router';
import { limits } from '../../api/limits';
import { invoiceStateValues } from '../../api/schema';
import { jakartaYear } from '../../format';
import type { UrlFilters } from '../../hooks/usePagedList';
import type { InvoiceFilters } from './queries';

/** Invoices bill orders, which are charged to a budget line of a fiscal year the server keeps budgets for. */
const YEARS = limits.CreateBudgetLineRequest.fiscal_year;

export function isFiscalYear(year: number): boolean {
  return Number.isInteger(year) && year >= YEARS.minimum && year <= YEARS.maximum;
}

/** A year the address names, or the one in progress in Jakarta when it names none (or a mangled one). */
export function yearOf(text: string | null | undefined): number {
  const asked = Number(text ?? undefined);
  return isFiscalYear(asked) ? asked : jakartaYear();
}

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
