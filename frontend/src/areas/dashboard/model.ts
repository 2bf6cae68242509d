import type { components } from '../../api/schema';
import { largestFirst, sumOf } from './amounts';

// The records the dashboard reads, as the generated contract names them.
type Schemas = components['schemas'];

export type RealisationReport = Schemas['RealisationReport'];
export type RealisationRow = Schemas['RealisationRowView'];
export type FairnessReport = Schemas['FairnessReport'];
export type BudgetLine = Schemas['BudgetLine'];
export type OwedItem = Schemas['OwedItem'];

/** What was paid in one month of the year: `key` is the month as the report names it (`2026-03`). */
export interface MonthSpend {
  key: string;
  realised: string;
}

/**
 * The twelve months of a fiscal year, January first, each with what was paid in it; a month the
 * report does not name (nothing was paid in it) is there with nothing.
 */
export function monthsOfYear(year: number, rows: readonly RealisationRow[]): MonthSpend[] {
  const paid = new Map<string, string[]>();
  for (const row of rows) paid.set(row.key, [...(paid.get(row.key) ?? []), row.realised.amount]);
  return Array.from({ length: 12 }, (_, index) => {
    const key = `${year}-${String(index + 1).padStart(2, '0')}`;
    return { key, realised: sumOf(paid.get(key) ?? []) };
  });
}

/** How many outlets the chart names; the rest are added up as one. */
export const TOP_OUTLETS = 10;

export interface OutletSpend {
  key: string;
  label: string;
  realised: string;
}

/** The outlets paid most, largest first, and what the others were paid together (null when there are none). */
export interface TopOutlets {
  top: OutletSpend[];
  others: { count: number; realised: string } | null;
}

export function topOutlets(rows: readonly RealisationRow[], limit: number = TOP_OUTLETS): TopOutlets {
  const sorted = [...rows].sort((a, b) => largestFirst(a.realised.amount, b.realised.amount) || a.label.localeCompare(b.label));
  const top = sorted.slice(0, limit).map((row) => ({ key: row.key, label: row.label, realised: row.realised.amount }));
  const rest = sorted.slice(limit);
  return {
    top,
    others: rest.length > 0 ? { count: rest.length, realised: sumOf(rest.map((row) => row.realised.amount)) } : null,
  };
}

/** The figures of a budget line the dashboard adds up, in the order the DPA reads them. */
export const LINE_FIGURES = ['ceiling', 'realised', 'committed', 'remaining'] as const;
export type LineFigure = (typeof LINE_FIGURES)[number];

/** The year's ceiling, what was paid, what open orders hold and what remains, over every line. */
export function budgetTotals(lines: readonly BudgetLine[]): Record<LineFigure, string> {
  const total = (figure: LineFigure) => sumOf(lines.map((line) => line[figure].amount));
  return { ceiling: total('ceiling'), realised: total('realised'), committed: total('committed'), remaining: total('remaining') };
}

/** How a line is named in the chart: its unit and account code, as the DPA lists it. */
export function lineName(line: BudgetLine): string {
  return `${line.unit_code} · ${line.account_code}`;
}

/** The ages unpaid work is counted in, in days since it was published. */
export const AGE_BUCKETS = ['days0to30', 'days31to60', 'days61to90', 'over90'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/** Published work unpaid for longer than this many days is late. */
export const LATE_AFTER_DAYS = 30;

export function ageBucket(days: number): AgeBucket {
  if (days > 90) return 'over90';
  if (days > 60) return 'days61to90';
  if (days > LATE_AFTER_DAYS) return 'days31to60';
  return 'days0to30';
}

export function isLate(bucket: AgeBucket): boolean {
  return bucket !== 'days0to30';
}

/** A number of orders and what they are worth together. */
export interface Owed {
  count: number;
  amount: string;
}

function owedOf(items: readonly OwedItem[]): Owed {
  return { count: items.length, amount: sumOf(items.map((item) => item.amount.amount)) };
}

/** What is owed in each age bucket, youngest first; the late part; the whole; and the oldest debt's age. */
export interface OwedByAge {
  buckets: (Owed & { bucket: AgeBucket })[];
  late: Owed;
  total: Owed;
  oldestDays: number | null;
}

export function owedByAge(items: readonly OwedItem[]): OwedByAge {
  return {
    buckets: AGE_BUCKETS.map((bucket) => ({ bucket, ...owedOf(items.filter((item) => ageBucket(item.age_days) === bucket)) })),
    late: owedOf(items.filter((item) => isLate(ageBucket(item.age_days)))),
    total: owedOf(items),
    oldestDays: items.length > 0 ? Math.max(...items.map((item) => item.age_days)) : null,
  };
}
