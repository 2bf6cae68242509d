import { within } from '@testing-library/react';
import { fakeServer, json, me, type Seen } from '../../test/http';
import type { AgreementCeilingRow, AgreementsReport, OrdersByStateReport, OrdersInStateRow, RealisationDimension, RealisationReport, RealisationRow } from './model';

// Realisation reports in the shape of the demo's, for the area's tests.

/** An amount as Indonesian documents write it, e.g. rp('1.500.000'). */
export const rp = (grouped: string) => `Rp\u00a0${grouped}`;

/** Who reads reports: every role may; this one also reads the units to filter by. */
export const auditor = {
  ...me,
  id: '0190f7a0-0000-7000-8000-000000000005',
  username: 'oki.auditor',
  full_name: 'Auditor Inspektorat',
  role: 'auditor',
  permissions: ['organisation.read', 'units.read', 'budget.read', 'finance.read', 'reports.read', 'audit.read'],
};

const idr = (amount: string) => ({ amount, currency: 'IDR' as const });

const row = (key: string, label: string, code: string | null, orders: number, amount: string, vat: string, realised: string): RealisationRow => ({
  key,
  code,
  label,
  orders,
  amount: idr(amount),
  vat: idr(vat),
  realised: idr(realised),
});

/** Largest realisation first, as the server answers. */
export const ROWS: Record<RealisationDimension, RealisationRow[]> = {
  outlet: [
    row('0190f7a0-0000-7000-8000-0000000005a1', 'Kayuagung Pos', null, 3, '6000000', '660000', '6660000'),
    row('0190f7a0-0000-7000-8000-0000000005a2', 'Radio Suara Komering 98,6 FM', null, 1, '2500000', '0', '2500000'),
    row('0190f7a0-0000-7000-8000-0000000005a3', 'okionline.id', null, 1, '840000', '0', '840000'),
  ],
  company: [
    row('0190f7a0-0000-7000-8000-0000000001a1', 'PT Kayuagung Media Utama', null, 4, '6840000', '660000', '7500000'),
    row('0190f7a0-0000-7000-8000-0000000001a3', 'PT Radio Suara Komering', null, 1, '2500000', '0', '2500000'),
  ],
  month: [
    row('2026-04', '2026-04', null, 3, '5340000', '330000', '5670000'),
    row('2026-03', '2026-03', null, 2, '4000000', '330000', '4330000'),
  ],
  budget_line: [row('0190f7a0-0000-7000-8000-0000000006a1', 'Belanja Jasa Iklan/Reklame, Film, dan Pemotretan', '5.1.02.01.01.0025', 5, '9340000', '660000', '10000000')],
  unit: [row('0190f7a0-0000-7000-8000-0000000000bb', 'Dinas Komunikasi dan Informatika', 'DISKOMINFO', 5, '9340000', '660000', '10000000')],
};

const TOTAL = { orders: 5, amount: idr('9340000'), vat: idr('660000'), realised: idr('10000000') };
const NOTHING = { orders: 0, amount: idr('0'), vat: idr('0'), realised: idr('0') };

export const REPORT_PATH = '/api/v1/reports/realisation';
export const AGREEMENTS_PATH = '/api/v1/reports/agreements';
export const ORDERS_BY_STATE_PATH = '/api/v1/reports/orders-by-state';

/** A report's requests a fake server saw (the realisation's unless told), each as its query. */
export function reportRequests(seen: Seen[], path: string = REPORT_PATH): URLSearchParams[] {
  return seen.filter((request) => request.method === 'GET' && request.path === path).map((request) => new URLSearchParams(request.search));
}

const agreement = (id: string, number: string, state: AgreementCeilingRow['state'], company: string, outlet: string, ceiling: string, committed: string, realised: string, remaining: string): AgreementCeilingRow => ({
  agreement_id: id,
  number,
  state,
  company,
  outlet,
  budget_line_code: '5.1.02.01.01.0025',
  ceiling: idr(ceiling),
  committed: idr(committed),
  realised: idr(realised),
  remaining: idr(remaining),
});

/** The year's agreements in number order, as the server answers. */
export const AGREEMENT_ROWS: AgreementCeilingRow[] = [
  agreement('0190f7a0-0000-7000-8000-0000000007a1', '001/PKS/DISKOMINFO/2026', 'active', 'PT Kayuagung Media Utama', 'Kayuagung Pos', '20000000', '2000000', '7500000', '10500000'),
  agreement('0190f7a0-0000-7000-8000-0000000007a2', '002/PKS/DISKOMINFO/2026', 'completed', 'PT Radio Suara Komering', 'Radio Suara Komering 98,6 FM', '2500000', '0', '2500000', '0'),
];

const AGREEMENTS_TOTAL = { agreements: 2, ceiling: idr('22500000'), committed: idr('2000000'), realised: idr('10000000'), remaining: idr('10500000') };

const inState = (state: OrdersInStateRow['state'], orders: number, amount: string, oldest: string | null, age: number | null, aged: [number, number, number, number]): OrdersInStateRow => ({
  state,
  orders,
  amount: idr(amount),
  oldest_issued_on: oldest,
  oldest_age_days: age,
  aged_0_30: aged[0],
  aged_31_60: aged[1],
  aged_61_90: aged[2],
  aged_over_90: aged[3],
});

/** The year's orders per state, in the order of an order's life, as the server answers. */
export const ORDER_STATE_ROWS: OrdersInStateRow[] = [
  inState('issued', 2, '1500000', '2026-05-01', 35, [1, 1, 0, 0]),
  inState('published', 1, '2000000', '2026-02-01', 124, [0, 0, 0, 1]),
  inState('paid', 5, '9340000', '2026-03-10', 86, [0, 2, 3, 0]),
];

const ORDERS_TOTAL = { orders: 8, amount: idr('12840000') };

/** The day the server counts the orders' ages to. */
export const AS_OF = '2026-06-05';

/** A CSV download answer, named as the server names it. */
function csv(fileName: string, lines: string[]): Response {
  return new Response(`${lines.join('\n')}\n`, {
    status: 200,
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}"` },
  });
}

/**
 * A server that answers the area's reports: the realisation by the dimension asked, the agreements
 * against their ceilings and the orders by state (nothing at all when `empty`), each as JSON or,
 * with `format=csv`, as the CSV download.
 */
export function reportServer({ who = auditor, empty = false, handle = () => undefined }: { who?: object; empty?: boolean; handle?: (request: Seen) => Response | undefined } = {}) {
  return fakeServer((request) => {
    const custom = handle(request);
    if (custom) return custom;
    if (request.method !== 'GET') return undefined;
    if (request.path === '/api/v1/me') return json(200, who);
    const query = new URLSearchParams(request.search);
    const year = Number(query.get('fiscal_year'));
    const unit = query.get('unit_id');
    if (request.path === AGREEMENTS_PATH) {
      const rows = empty ? [] : AGREEMENT_ROWS;
      if (query.get('format') === 'csv') {
        return csv(`agreements-${year}.csv`, ['number,state,company,outlet,budget_line_code,ceiling,committed,realised,remaining', ...rows.map((r) => [r.number, r.state, r.company, r.outlet, r.budget_line_code, r.ceiling.amount, r.committed.amount, r.realised.amount, r.remaining.amount].join(','))]);
      }
      const total = empty ? { agreements: 0, ceiling: idr('0'), committed: idr('0'), realised: idr('0'), remaining: idr('0') } : AGREEMENTS_TOTAL;
      const report: AgreementsReport = { fiscal_year: year, unit_id: unit, rows, total };
      return json(200, report);
    }
    if (request.path === ORDERS_BY_STATE_PATH) {
      const rows = empty ? [] : ORDER_STATE_ROWS;
      if (query.get('format') === 'csv') {
        return csv(`orders-by-state-${year}.csv`, ['state,orders,amount,oldest_issued_on,oldest_age_days,aged_0_30,aged_31_60,aged_61_90,aged_over_90', ...rows.map((r) => [r.state, r.orders, r.amount.amount, r.oldest_issued_on ?? '', r.oldest_age_days ?? '', r.aged_0_30, r.aged_31_60, r.aged_61_90, r.aged_over_90].join(','))]);
      }
      const report: OrdersByStateReport = { fiscal_year: year, unit_id: unit, as_of: AS_OF, rows, total: empty ? { orders: 0, amount: idr('0') } : ORDERS_TOTAL };
      return json(200, report);
    }
    if (request.path !== REPORT_PATH) return undefined;
    const by = (query.get('by') ?? 'outlet') as RealisationDimension;
    const rows = empty ? [] : ROWS[by];
    if (query.get('format') === 'csv') {
      return csv(`realisation-${year}-${by}.csv`, ['key,code,label,orders,amount,vat,realised', ...rows.map((r) => [r.key, r.code ?? '', r.label, r.orders, r.amount.amount, r.vat.amount, r.realised.amount].join(','))]);
    }
    const report: RealisationReport = { fiscal_year: year, by, unit_id: unit, rows, total: empty ? NOTHING : TOTAL };
    return json(200, report);
  });
}

/** A table's rows in one of its row groups (0 the head, 1 the body, 2 the foot), each as its cells' text. */
export function rowsOf(table: HTMLElement, group: number): (string | null)[][] {
  const rowGroup = within(table).getAllByRole('rowgroup')[group];
  if (!rowGroup) throw new Error(`The table has no row group ${group}`);
  return within(rowGroup)
    .getAllByRole('row')
    .map((row) => [...within(row).queryAllByRole('rowheader'), ...within(row).queryAllByRole('cell')].map((cell) => cell.textContent));
}

/** A table's column headings. */
export function headingsOf(table: HTMLElement): (string | null)[] {
  const head = within(table).getAllByRole('rowgroup')[0];
  if (!head) throw new Error('The table has no head');
  return within(head)
    .getAllByRole('columnheader')
    .map((cell) => cell.textContent);
}

/**
 * Catches the files the page hands the browser to save: their names, as the link that saves them
 * names them, and their content.
 */
export function catchDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  const createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return 'blob:report';
  });
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return { blobs, names };
}
