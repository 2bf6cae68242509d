import { useSearchParams } from 'react-router';
import { fairnessDimensionValues, realisationDimensionValues } from '../../api/schema';
import { yearOf } from '../../fiscalYear';
import type { FairnessDimension, RealisationDimension } from './model';
import type { DisclosureFilters, FairnessFilters, RealisationFilters, ReportFilters } from './queries';

/** The search parameters every report reads: `?year=2026&unit=<id>`; they are kept from one report to the next. */
export const SHARED_FILTERS = ['year', 'unit'] as const;

/**
 * The search parameters of the reports: the shared ones, what the realisation or the fairness
 * report adds up by (`&by=company`) and the disclosure's quarter (`&quarter=3`).
 */
export const REPORT_FILTERS = [...SHARED_FILTERS, 'by', 'quarter'] as const;
export type FilterName = (typeof REPORT_FILTERS)[number];

/** What the report adds up by when the address names nothing (or something the API does not know). */
export const DEFAULT_DIMENSION: RealisationDimension = 'outlet';

/** What the fairness report spreads the spending over when the address names nothing it knows. */
export const DEFAULT_FAIRNESS_DIMENSION: FairnessDimension = 'outlet';

/** The quarters of a fiscal year the disclosure can be asked for. */
export const QUARTERS = [1, 2, 3, 4] as const;

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

/** The fairness report's filters from the address: the shared ones and what it spreads the spending over. */
export function parseFairnessFilters(params: URLSearchParams): FairnessFilters {
  return {
    ...parseReportFilters(params),
    by: fairnessDimensionValues.find((by) => by === params.get('by')) ?? DEFAULT_FAIRNESS_DIMENSION,
  };
}

/** The disclosure's filters from the address: the year and perhaps one quarter; it is never by unit. */
export function parseDisclosureFilters(params: URLSearchParams): DisclosureFilters {
  const quarter = QUARTERS.find((q) => String(q) === params.get('quarter'));
  return { fiscal_year: yearOf(params.get('year')), ...(quarter === undefined ? {} : { quarter }) };
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

/** The fairness report's filters as the address states them, and a way to change them. */
export function useFairnessFilters() {
  const { params, setFilter } = useFilterParams();
  return { filters: parseFairnessFilters(params), setFilter };
}

/** The disclosure's filters as the address states them, and a way to change them. */
export function useDisclosureFilters() {
  const { params, setFilter } = useFilterParams();
  return { filters: parseDisclosureFilters(params), setFilter };
}
