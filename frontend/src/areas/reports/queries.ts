import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { RealisationDimension, RealisationReport } from './model';

/** The realisation report's filters, as the API takes them. */
export interface RealisationFilters {
  fiscal_year: number;
  by: RealisationDimension;
  unit_id?: string;
}

export const reportKeys = {
  all: ['reports'] as const,
  realisation: (filters: RealisationFilters) => [...reportKeys.all, 'realisation', filters] as const,
};

/** What was paid in a fiscal year, added up by one dimension, largest first, with the total. */
export function realisationQuery(filters: RealisationFilters) {
  return queryOptions({
    queryKey: reportKeys.realisation(filters),
    // Without `format` the server answers JSON; the contract also lists the CSV it answers otherwise.
    queryFn: () => unwrap(api.client.GET('/api/v1/reports/realisation', { params: { query: filters } })) as Promise<RealisationReport>,
  });
}

/** The name the server gives the report's CSV: `realisation-2026-outlet.csv`. */
export function realisationFileName(filters: RealisationFilters): string {
  return `realisation-${filters.fiscal_year}-${filters.by}.csv`;
}

/** The same report as a CSV file, fetched with the access token (a plain link cannot carry it). */
export function realisationCsv(filters: RealisationFilters): Promise<Blob> {
  return unwrap<Blob>(api.client.GET('/api/v1/reports/realisation', { params: { query: { ...filters, format: 'csv' } }, parseAs: 'blob' }));
}
