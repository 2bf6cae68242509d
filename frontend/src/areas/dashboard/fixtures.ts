import { fakeServer, json, me, problem, type Seen } from '../../test/http';
import type { BudgetLine, FairnessReport, OwedItem, RealisationReport, RealisationRow } from './model';

// The dashboard's data in the shape of the demo's, for the area's tests.

/** An amount as Indonesian documents write it, e.g. rp('1.500.000'). */
export const rp = (grouped: string) => `Rp\u00a0${grouped}`;

export const YEAR = 2026;

/** The head of office: reads the reports, the budget and finance. */
export const head = {
  ...me,
  id: '0190f7a0-0000-7000-8000-000000000006',
  username: 'oki.kadis',
  full_name: 'Kepala Dinas',
  role: 'auditor',
  permissions: ['organisation.read', 'units.read', 'budget.read', 'finance.read', 'reports.read'],
};

const idr = (amount: string) => ({ amount, currency: 'IDR' as const });

const row = (key: string, label: string, realised: string): RealisationRow => ({
  key,
  code: null,
  label,
  orders: 1,
  amount: idr(realised),
  vat: idr('0'),
  realised: idr(realised),
});

/** What was paid in April, March and November of `year`, largest first as the server answers. */
export const monthRows = (year: number): RealisationRow[] => [row(`${year}-04`, `${year}-04`, '5670000'), row(`${year}-03`, `${year}-03`, '4330000'), row(`${year}-11`, `${year}-11`, '1500000')];

/** Twelve outlets; the two smallest are "others" in the chart. One is out of place, to be put right. */
export const OUTLET_ROWS: RealisationRow[] = (
  [
    ['Kayuagung Pos', '3000000'],
    ['Radio Suara Komering 98,6 FM', '2000000'],
    ['okionline.id', '1500000'],
    ['Sumatera Ekspres', '1000000'],
    ['OKI TV', '900000'],
    ['Palembang Pos', '800000'],
    ['Tribun Sumsel', '700000'],
    ['Radio Swara Bumi Sriwijaya', '400000'],
    ['Berita Pagi', '500000'],
    ['Sriwijaya Post', '300000'],
    ['Linggau Pos', '250000'],
    ['Musi Rawas Online', '150000'],
  ] as const
).map(([label, realised], index) => row(`0190f7a0-0000-7000-8000-0000000005${String(index).padStart(2, '0')}`, label, realised));

const TOTAL = { orders: 12, amount: idr('11500000'), vat: idr('0'), realised: idr('11500000') };

const line = (id: string, unit: string, code: string, name: string, ceiling: string, committed: string, realised: string, remaining: string): BudgetLine => ({
  id,
  unit_id: me.unit.id,
  unit_code: unit,
  unit_name: unit,
  fiscal_year: YEAR,
  account_code: code,
  name,
  original_ceiling: idr(ceiling),
  ceiling: idr(ceiling),
  allocated: idr(ceiling),
  unallocated: idr('0'),
  committed: idr(committed),
  realised: idr(realised),
  remaining: idr(remaining),
  revisions: 0,
  created_at: '2026-01-05T02:00:00Z',
  updated_at: '2026-07-01T02:00:00Z',
  version: 1,
});

/** Publication services of Diskominfo (55% left), and the secretariat's publications, nearly spent; one page each. */
export const LINES: BudgetLine[] = [
  line('0190f7a0-0000-7000-8000-000000000701', 'DISKOMINFO', '5.1.02.01.01.0025', 'Belanja Jasa Iklan/Reklame, Film, dan Pemotretan', '250000000', '50000000', '62500000', '137500000'),
  line('0190f7a0-0000-7000-8000-000000000702', 'SETDA', '5.1.02.02.01.0026', 'Belanja Jasa Publikasi', '80000000', '20000000', '56000000', '4000000'),
];

const owed = (n: number, age: number, amount: string): OwedItem => ({
  order_id: `0190f7a0-0000-7000-8000-0000000009${String(n).padStart(2, '0')}`,
  order_number: `00${n}/SP/DISKOMINFO/2026`,
  company_id: '0190f7a0-0000-7000-8000-0000000001a1',
  company_name: 'PT Kayuagung Media Utama',
  invoice_id: null,
  invoice_number: null,
  amount: idr(amount),
  since: '2026-06-01',
  age_days: age,
  state: 'published',
});

/** Unpaid work, oldest first as the server answers: one in each late bucket, two recent. */
export const OWED: OwedItem[] = [owed(1, 120, '3000000'), owed(2, 75, '500000'), owed(3, 45, '1500000'), owed(4, 20, '2000000'), owed(5, 5, '1000000')];

export const REALISATION_PATH = '/api/v1/reports/realisation';
export const LINES_PATH = '/api/v1/budget-lines';
export const OWED_PATH = '/api/v1/finance/owed';
export const FAIRNESS_PATH = '/api/v1/reports/fairness';

const tier = (key: string, outlets: number, realised: string, share: number) => ({
  key,
  label: key,
  company: null,
  outlets,
  agreements: outlets,
  ceiling: idr('20000000'),
  realised: idr(realised),
  share,
});

/** The year per tier, as the server answers it: A paid most, C nothing yet. */
export const tierReport = (year: number): FairnessReport => ({
  checkpoint: null,
  fiscal_year: year,
  unit_id: null,
  by: 'tier',
  rows: [tier('A', 3, '8000000', 0.6957), tier('B', 2, '3500000', 0.3043), tier('C', 1, '0', 0)],
  total: { groups: 3, agreements: 6, ceiling: idr('60000000'), realised: idr('11500000'), top_ten_share: 1, gini: 0.4493 },
});

/** The requests a fake server saw at `path`, each as its query. */
export function requestsTo(seen: Seen[], path: string): URLSearchParams[] {
  return seen.filter((request) => request.method === 'GET' && request.path === path).map((request) => new URLSearchParams(request.search));
}

/**
 * A server that answers the dashboard as `who`: the realisation per month and per outlet, the
 * year's budget lines in two pages, and what is owed (nothing at all when `empty`). `fail` names
 * the paths that answer a server error.
 */
export function dashboardServer({ who = head, empty = false, fail = [] }: { who?: object; empty?: boolean; fail?: string[] } = {}) {
  return fakeServer((request) => {
    if (request.method !== 'GET') return undefined;
    if (request.path === '/api/v1/me') return json(200, who);
    if (fail.includes(request.path)) return problem(500, 'internal_error');
    const query = new URLSearchParams(request.search);
    const year = Number(query.get('fiscal_year'));
    if (request.path === REALISATION_PATH) {
      const by = query.get('by') === 'month' ? 'month' : 'outlet';
      const rows = empty ? [] : by === 'month' ? monthRows(year) : OUTLET_ROWS;
      const total = empty ? { orders: 0, amount: idr('0'), vat: idr('0'), realised: idr('0') } : TOTAL;
      const report: RealisationReport = { checkpoint: null, fiscal_year: year, by, unit_id: null, rows, total };
      return json(200, report);
    }
    if (request.path === LINES_PATH) {
      if (empty) return json(200, { items: [], next_cursor: null });
      return query.get('cursor') === 'page-2' ? json(200, { items: [LINES[1]], next_cursor: null }) : json(200, { items: [LINES[0]], next_cursor: 'page-2' });
    }
    if (request.path === OWED_PATH) return json(200, empty ? [] : OWED);
    if (request.path === FAIRNESS_PATH) {
      const report = tierReport(year);
      return json(200, empty ? { ...report, rows: [], total: { ...report.total, groups: 0, realised: idr('0') } } : report);
    }
    return undefined;
  });
}
