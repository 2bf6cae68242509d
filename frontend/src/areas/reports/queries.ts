import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { paths } from '../../api/schema';
import type { AgreementsReport, DisclosureReport, ExceptionsReport, FairnessDimension, FairnessReport, OrdersByStateReport, OwedReport, RealisationDimension, RealisationReport } from './model';

/** What every report is asked for, as the API takes it: a fiscal year, and perhaps one unit's budget lines. */
export interface ReportFilters {
  fiscal_year: number;
  unit_id?: string;
}

/** The realisation report's filters, as the API takes them. */
export interface RealisationFilters extends ReportFilters {
  by: RealisationDimension;
}

/** The fairness report's filters, as the API takes them. */
export interface FairnessFilters extends ReportFilters {
  by: FairnessDimension;
}

/** The quarterly disclosure's filters, as the API takes them: the year, and perhaps one quarter (1 to 4); never a unit. */
export interface DisclosureFilters {
  fiscal_year: number;
  quarter?: number;
}

/** The exceptions report's filters, as the API takes them: the year only; it is never by unit. */
export interface ExceptionsFilters {
  fiscal_year: number;
}

/** The reports' addresses in the API; each answers JSON, or with `format=csv` a CSV download. */
export const REPORT_PATHS = {
  realisation: '/api/v1/reports/realisation',
  agreements: '/api/v1/reports/agreements',
  ordersByState: '/api/v1/reports/orders-by-state',
  owed: '/api/v1/reports/owed',
  fairness: '/api/v1/reports/fairness',
  disclosure: '/api/v1/reports/disclosure',
  exceptions: '/api/v1/reports/exceptions',
} as const;
export type ReportPath = (typeof REPORT_PATHS)[keyof typeof REPORT_PATHS];

export const reportKeys = {
  all: ['reports'] as const,
  realisation: (filters: RealisationFilters) => [...reportKeys.all, 'realisation', filters] as const,
  agreements: (filters: ReportFilters) => [...reportKeys.all, 'agreements', filters] as const,
  ordersByState: (filters: ReportFilters) => [...reportKeys.all, 'orders-by-state', filters] as const,
  owed: (filters: ReportFilters) => [...reportKeys.all, 'owed', filters] as const,
  fairness: (filters: FairnessFilters) => [...reportKeys.all, 'fairness', filters] as const,
  disclosure: (filters: DisclosureFilters) => [...reportKeys.all, 'disclosure', filters] as const,
  exceptions: (filters: ExceptionsFilters) => [...reportKeys.all, 'exceptions', filters] as const,
};

// Without `format` the server answers JSON; the contract also lists the CSV it answers otherwise.

/** What was paid in a fiscal year, added up by one dimension, largest first, with the total. */
export function realisationQuery(filters: RealisationFilters) {
  return queryOptions({
    queryKey: reportKeys.realisation(filters),
    queryFn: () => unwrap(api.client.GET(REPORT_PATHS.realisation, { params: { query: filters } })) as Promise<RealisationReport>,
  });
}

/** The year's agreements (drafts aside) in number order, each against its ceiling, with the totals. */
export function agreementsQuery(filters: ReportFilters) {
  return queryOptions({
    queryKey: reportKeys.agreements(filters),
    queryFn: () => unwrap(api.client.GET(REPORT_PATHS.agreements, { params: { query: filters } })) as Promise<AgreementsReport>,
  });
}

/** The year's orders per state, in the order of an order's life, with their ages, and the totals. */
export function ordersByStateQuery(filters: ReportFilters) {
  return queryOptions({
    queryKey: reportKeys.ordersByState(filters),
    queryFn: () => unwrap(api.client.GET(REPORT_PATHS.ordersByState, { params: { query: filters } })) as Promise<OrdersByStateReport>,
  });
}

/** Per company, what is owed for work published and not yet paid, largest first, with its ages and the totals. */
export function owedQuery(filters: ReportFilters) {
  return queryOptions({
    queryKey: reportKeys.owed(filters),
    queryFn: () => unwrap(api.client.GET(REPORT_PATHS.owed, { params: { query: filters } })) as Promise<OwedReport>,
  });
}

/** The year's agreements per outlet or tier, each one's share of the spending, with how concentrated it is. */
export function fairnessQuery(filters: FairnessFilters) {
  return queryOptions({
    queryKey: reportKeys.fairness(filters),
    queryFn: () => unwrap(api.client.GET(REPORT_PATHS.fairness, { params: { query: filters } })) as Promise<FairnessReport>,
  });
}

/** What was paid per quarter, unit, media owner and outlet: the quarterly media disclosure. */
export function disclosureQuery(filters: DisclosureFilters) {
  return queryOptions({
    queryKey: reportKeys.disclosure(filters),
    queryFn: () => unwrap(api.client.GET(REPORT_PATHS.disclosure, { params: { query: filters } })) as Promise<DisclosureReport>,
  });
}

/** The exceptions found in the imported history of a fiscal year, class by class, with the counts per class. */
export function exceptionsQuery(filters: ExceptionsFilters) {
  return queryOptions({
    queryKey: reportKeys.exceptions(filters),
    queryFn: () => unwrap(api.client.GET(REPORT_PATHS.exceptions, { params: { query: filters } })) as Promise<ExceptionsReport>,
  });
}

/** The names the server gives the reports' CSV files: `realisation-2026-outlet.csv`, `agreements-2026.csv`, `disclosure-2026-q3.csv`. */
export const csvFileName = {
  realisation: (filters: RealisationFilters) => `realisation-${filters.fiscal_year}-${filters.by}.csv`,
  agreements: (filters: ReportFilters) => `agreements-${filters.fiscal_year}.csv`,
  ordersByState: (filters: ReportFilters) => `orders-by-state-${filters.fiscal_year}.csv`,
  owed: (filters: ReportFilters) => `owed-${filters.fiscal_year}.csv`,
  fairness: (filters: FairnessFilters) => `fairness-${filters.fiscal_year}-${filters.by}.csv`,
  exceptions: (filters: ExceptionsFilters) => `exceptions-${filters.fiscal_year}.csv`,
  disclosure: (filters: DisclosureFilters) => (filters.quarter === undefined ? `disclosure-${filters.fiscal_year}.csv` : `disclosure-${filters.fiscal_year}-q${filters.quarter}.csv`),
};

/** What a report at `path` is asked for, apart from its format. */
export type ReportQuery<P extends ReportPath> = Omit<NonNullable<paths[P]['get']['parameters']['query']>, 'format'>;

/** How much of a CSV download has arrived: its bytes and its lines (the header and the total included). */
export interface CsvProgress {
  bytes: number;
  lines: number;
}

/**
 * A report as a CSV file, fetched with the access token (a plain link cannot carry it), read as
 * it streams in so that `onProgress` can tell a long export's progress.
 */
export async function reportCsv<P extends ReportPath>(path: P, query: ReportQuery<P>, onProgress?: (progress: CsvProgress) => void): Promise<Blob> {
  // The reports differ only in their query; each takes `format=csv` alike.
  // The client's overloads cannot be chosen for a path not yet known, so the call is typed here.
  const get = api.client.GET as (
    path: P,
    init: { params: { query: ReportQuery<P> & { format: 'csv' } }; parseAs: 'stream' },
  ) => Promise<{ data?: ReadableStream<Uint8Array> | null; error?: unknown; response: Response }>;
  const body = await unwrap(get(path, { params: { query: { ...query, format: 'csv' } }, parseAs: 'stream' }));
  const chunks: Uint8Array[] = [];
  const progress: CsvProgress = { bytes: 0, lines: 0 };
  if (body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      progress.bytes += value.byteLength;
      progress.lines += value.reduce((count, byte) => (byte === 10 ? count + 1 : count), 0);
      onProgress?.({ ...progress });
    }
  }
  const bytes = new Uint8Array(progress.bytes);
  chunks.reduce((offset, chunk) => {
    bytes.set(chunk, offset);
    return offset + chunk.byteLength;
  }, 0);
  return new Response(bytes, { headers: { 'content-type': 'text/csv' } }).blob();
}
