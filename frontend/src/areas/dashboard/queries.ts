import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { BudgetLine, FairnessReport, OwedItem, RealisationReport } from './model';

/** What the dashboard adds the year's payments up by. */
export type SpendDimension = 'month' | 'outlet';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  realisation: (year: number, by: SpendDimension) => [...dashboardKeys.all, 'realisation', year, by] as const,
  budgetLines: (year: number) => [...dashboardKeys.all, 'budget-lines', year] as const,
  owed: (year: number) => [...dashboardKeys.all, 'owed', year] as const,
  tiers: (year: number) => [...dashboardKeys.all, 'tiers', year] as const,
};

/** What was paid in a fiscal year, added up per month or per outlet, largest first, with the total. */
export function realisationQuery(year: number, by: SpendDimension) {
  return queryOptions({
    queryKey: dashboardKeys.realisation(year, by),
    // Without `format` the server answers JSON; the contract also lists the CSV it answers otherwise.
    queryFn: () => unwrap(api.client.GET('/api/v1/reports/realisation', { params: { query: { fiscal_year: year, by } } })) as Promise<RealisationReport>,
  });
}

/** The most lines read for the chart: a DPA has a few dozen lines per unit. */
const PAGE_SIZE = 100;
const MAX_LINES = 1000;

/** A year's budget lines; `complete` is false when there were more than the dashboard reads. */
export interface YearLines {
  lines: BudgetLine[];
  complete: boolean;
}

/** Every budget line of a fiscal year (up to `MAX_LINES`), each with its ceiling and what is left of it. */
export function budgetLinesQuery(year: number) {
  return queryOptions({
    queryKey: dashboardKeys.budgetLines(year),
    queryFn: async (): Promise<YearLines> => {
      const lines: BudgetLine[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(api.client.GET('/api/v1/budget-lines', { params: { query: { fiscal_year: year, limit: PAGE_SIZE, cursor } } }));
        lines.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor !== undefined && lines.length < MAX_LINES);
      return { lines, complete: cursor === undefined };
    },
  });
}

/** Published work of a fiscal year not yet paid, with its age in days. */
export function owedQuery(year: number) {
  return queryOptions({
    queryKey: dashboardKeys.owed(year),
    queryFn: (): Promise<OwedItem[]> => unwrap(api.client.GET('/api/v1/finance/owed', { params: { query: { fiscal_year: year } } })),
  });
}

/** The year's agreements per tier of the rate card: what each tier was paid and its share. */
export function tierSpendQuery(year: number) {
  return queryOptions({
    queryKey: dashboardKeys.tiers(year),
    queryFn: () =>
      unwrap(api.client.GET('/api/v1/reports/fairness', { params: { query: { fiscal_year: year, by: 'tier' } } })) as Promise<FairnessReport>,
  });
}
