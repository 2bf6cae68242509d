import { useSearchParams } from 'react-router';
import { realisationDimensionValues } from '../../api/schema';
import { yearOf } from '../../fiscalYear';
import type { RealisationDimension } from './model';
import type { RealisationFilters } from './queries';

/** The search parameters of the report: `?year=2026&by=company&unit=<id>`. */
export const REPORT_FILTERS = ['year', 'by', 'unit'] as const;
type FilterName = (typeof REPORT_FILTERS)[number];

/** What the report adds up by when the address names nothing (or something the API does not know). */
export const DEFAULT_DIMENSION: RealisationDimension = 'outlet';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The report's filters from the address, keeping only values the API accepts (an address may be hand-edited). */
export function parseReportFilters(params: URLSearchParams): RealisationFilters {
  const unit = params.get('unit');
  return {
    fiscal_year: yearOf(params.get('year')),
    by: realisationDimensionValues.find((by) => by === params.get('by')) ?? DEFAULT_DIMENSION,
    unit_id: unit !== null && UUID.test(unit) ? unit : undefined,
  };
}

/**
 * The report's filters as the address states them, and a way to change one without leaving the
 * page, so that a report's address, shared, opens the same report.
 */
export function useReportFilters() {
  const [params, setParams] = useSearchParams();
  const setFilter = (name: FilterName, value: string | null) => {
    // Filters refine the page rather than lead to another one: Back leaves the report.
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null || value === '') next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  };
  return { filters: parseReportFilters(params), setFilter };
}
