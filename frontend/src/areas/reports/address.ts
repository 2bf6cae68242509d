import { useSearchParams } from 'react-router';
import { realisationDimensionValues } from '../../api/schema';
import { yearOf } from '../../fiscalYear';
import type { RealisationDimension } from './model';
import type { RealisationFilters, ReportFilters } from './queries';

/** The search parameters every report reads: `?year=2026&unit=<id>`; they are kept from one report to the next. */
export const SHARED_FILTERS = ['year', 'unit'] as const;

/** The search parameters of the reports: the shared ones, and the realisation's dimension (`&by=company`). */
export const REPORT_FILTERS = [...SHARED_FILTERS, 'by'] as const;
export type FilterName = (typeof REPORT_FILTERS)[number];

/** What the report adds up by when the address names nothing (or something the API does not know). */
export const DEFAULT_DIMENSION: RealisationDimension = 'outlet';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A report's year and unit from the address, keeping only values the API accepts (an address may be hand-edited). */
export function parseReportFilters(params: URLSearchParams): ReportFilters {
  const unit = params.get('unit');
  return {
    fiscal_year: yearOf(params.get('year')),
    unit_id: unit !== null && UUID.test(unit) ? unit : undefined,
  };
}

/** The realisation report's filters from the address: the shared ones and what it adds up by. */
export function parseRealisationFilters(params: URLSearchParams): RealisationFilters {
  return {
    ...parseReportFilters(params),
    by: realisationDimensionValues.find((by) => by === params.get('by')) ?? DEFAULT_DIMENSION,
  };
}

/** The shared filters of an address, as the search of another report's address: `?year=2026&unit=<id>`. */
export function sharedSearch(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const name of SHARED_FILTERS) {
    const value = params.get(name);
    if (value !== null && value !== '') kept.set(name, value);
  }
  const search = kept.toString();
  return search === '' ? '' : `?${search}`;
}

/**
 * The address's search parameters, and a way to change one without leaving the page, so that a
 * report's address, shared, opens the same report.
 */
function useFilterParams() {
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
  return { params, setFilter };
}

/** A report's year and unit as the address states them, and a way to change them. */
export function useReportFilters() {
  const { params, setFilter } = useFilterParams();
  return { filters: parseReportFilters(params), setFilter };
}

/** The realisation report's filters as the address states them, and a way to change them. */
export function useRealisationFilters() {
  const { params, setFilter } = useFilterParams();
  return { filters: parseRealisationFilters(params), setFilter };
}
