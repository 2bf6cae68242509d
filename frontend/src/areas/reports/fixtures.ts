import { cleanup, within } from '@testing-library/react';
import { api } from '../../api/client';
import { fakeServer, json, me, tokenPair, type Seen } from '../../test/http';
import type { AgreementCeilingRow, AgreementsReport, ReportCheckpoint, DisclosureReport, DisclosureRow, FairnessDimension, FairnessReport, FairnessRow, OrdersByStateReport, OrdersInStateRow, OwedCompanyRow, OwedReport, RealisationDimension, RealisationReport, RealisationRow } from './model';

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
export const OWED_PATH = '/api/v1/reports/owed';
export const FAIRNESS_PATH = '/api/v1/reports/fairness';
export const DISCLOSURE_PATH = '/api/v1/reports/disclosure';

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

/** The signed audit checkpoint the fake server's reports carry. */
export const CHECKPOINT: ReportCheckpoint = {
  id: '0190f7a0-0000-7000-8000-00000000c0c1',
  organisation_id: '0190f7a0-0000-7000-8000-0000000000a1',
  sequence: 412,
  hash: 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778',
  signed_at: '2026-06-05T02:00:00Z',
  algorithm: 'Ed25519',
  key_id: '9c1d2e3f4a5b6c7d',
  public_key: '4f'.repeat(32),
  signature: 'ab'.repeat(64),
  signed_text: 'mitra audit checkpoint v1',
};

const owedRow = (id: string, company: string, orders: number, amount: string, since: string | null, age: number | null, owed: [string, string, string, string]): OwedCompanyRow => ({
  company_id: id,
  company,
  orders,
  amount: idr(amount),
  oldest_since: since,
  oldest_age_days: age,
  owed_0_30: idr(owed[0]),
  owed_31_60: idr(owed[1]),
  owed_61_90: idr(owed[2]),
  owed_over_90: idr(owed[3]),
});

/** What is owed per company, largest first, as the server answers. */
export const OWED_ROWS: OwedCompanyRow[] = [
  owedRow('0190f7a0-0000-7000-8000-0000000001a1', 'PT Kayuagung Media Utama', 3, '4500000', '2026-02-01', 124, ['1500000', '0', '1000000', '2000000']),
  owedRow('0190f7a0-0000-7000-8000-0000000001a2', 'PT Sriwijaya Siber Nusantara', 1, '840000', '2026-05-20', 16, ['840000', '0', '0', '0']),
];

const OWED_TOTAL = { companies: 2, orders: 4, amount: idr('5340000'), owed_0_30: idr('2340000'), owed_31_60: idr('0'), owed_61_90: idr('1000000'), owed_over_90: idr('2000000') };

const share = (key: string, label: string, company: string | null, outlets: number, agreements: number, ceiling: string, realised: string, part: number): FairnessRow => ({
  key,
  label,
  company,
  outlets,
  agreements,
  ceiling: idr(ceiling),
  realised: idr(realised),
  share: part,
});

/** Largest share first, outlets let in and paid nothing included, as the server answers. */
export const FAIRNESS_ROWS: Record<FairnessDimension, FairnessRow[]> = {
  outlet: [
    share('0190f7a0-0000-7000-8000-0000000005a1', 'Kayuagung Pos', 'PT Kayuagung Media Utama', 1, 1, '20000000', '7500000', 0.75),
    share('0190f7a0-0000-7000-8000-0000000005a2', 'Radio Suara Komering 98,6 FM', 'PT Radio Suara Komering', 1, 1, '2500000', '2500000', 0.25),
    share('0190f7a0-0000-7000-8000-0000000005a3', 'okionline.id', 'PT Sriwijaya Siber Nusantara', 1, 1, '5000000', '0', 0),
  ],
  tier: [
    share('A', 'A', null, 1, 1, '20000000', '7500000', 0.75),
    share('B', 'B', null, 2, 2, '7500000', '2500000', 0.25),
  ],
};

const FAIRNESS_TOTAL: Record<FairnessDimension, FairnessReport['total']> = {
  outlet: { groups: 3, agreements: 3, ceiling: idr('27500000'), realised: idr('10000000'), top_ten_share: 1, gini: 0.5 },
  tier: { groups: 2, agreements: 3, ceiling: idr('27500000'), realised: idr('10000000'), top_ten_share: 1, gini: 0.25 },
};

const disclosed = (period: string, unit: string, owner: string, outlet: string, type: DisclosureRow['media_type'], amount: string): DisclosureRow => ({
  period,
  public_body: 'Pemerintah Kabupaten Ogan Komering Ilir',
  unit,
  media_owner: owner,
  outlet,
  media_type: type,
  amount: idr(amount),
});

/** What was paid per quarter, unit, media owner and outlet, as the server answers. */
export const DISCLOSURE_ROWS: DisclosureRow[] = [
  disclosed('2026-Q1', 'Dinas Komunikasi dan Informatika', 'PT Kayuagung Media Utama', 'Kayuagung Pos', 'print', '4330000'),
  disclosed('2026-Q2', 'Dinas Komunikasi dan Informatika', 'PT Kayuagung Media Utama', 'Kayuagung Pos', 'print', '3170000'),
  disclosed('2026-Q2', 'Dinas Komunikasi dan Informatika', 'PT Radio Suara Komering', 'Radio Suara Komering 98,6 FM', 'radio', '2500000'),
];

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
      const report: AgreementsReport = { checkpoint: CHECKPOINT, fiscal_year: year, unit_id: unit, rows, total };
      return json(200, report);
    }
    if (request.path === ORDERS_BY_STATE_PATH) {
      const rows = empty ? [] : ORDER_STATE_ROWS;
      if (query.get('format') === 'csv') {
        return csv(`orders-by-state-${year}.csv`, ['state,orders,amount,oldest_issued_on,oldest_age_days,aged_0_30,aged_31_60,aged_61_90,aged_over_90', ...rows.map((r) => [r.state, r.orders, r.amount.amount, r.oldest_issued_on ?? '', r.oldest_age_days ?? '', r.aged_0_30, r.aged_31_60, r.aged_61_90, r.aged_over_90].join(','))]);
      }
      const report: OrdersByStateReport = { checkpoint: CHECKPOINT, fiscal_year: year, unit_id: unit, as_of: AS_OF, rows, total: empty ? { orders: 0, amount: idr('0') } : ORDERS_TOTAL };
      return json(200, report);
    }
    if (request.path === OWED_PATH) {
      const rows = empty ? [] : OWED_ROWS;
      if (query.get('format') === 'csv') {
        return csv(`owed-${year}.csv`, ['company_id,company,orders,amount,oldest_since,oldest_age_days,owed_0_30,owed_31_60,owed_61_90,owed_over_90', ...rows.map((r) => [r.company_id, r.company, r.orders, r.amount.amount, r.oldest_since ?? '', r.oldest_age_days ?? '', r.owed_0_30.amount, r.owed_31_60.amount, r.owed_61_90.amount, r.owed_over_90.amount].join(','))]);
      }
      const nothing = { companies: 0, orders: 0, amount: idr('0'), owed_0_30: idr('0'), owed_31_60: idr('0'), owed_61_90: idr('0'), owed_over_90: idr('0') };
      const report: OwedReport = { checkpoint: CHECKPOINT, fiscal_year: year, unit_id: unit, as_of: AS_OF, rows, total: empty ? nothing : OWED_TOTAL };
      return json(200, report);
    }
    if (request.path === FAIRNESS_PATH) {
      const by = (query.get('by') ?? 'outlet') as FairnessDimension;
      const rows = empty ? [] : FAIRNESS_ROWS[by];
      if (query.get('format') === 'csv') {
        return csv(`fairness-${year}-${by}.csv`, ['key,label,company,outlets,agreements,ceiling,realised,share', ...rows.map((r) => [r.key, r.label, r.company ?? '', r.outlets, r.agreements, r.ceiling.amount, r.realised.amount, r.share.toFixed(4)].join(','))]);
      }
      const nothing = { groups: 0, agreements: 0, ceiling: idr('0'), realised: idr('0'), top_ten_share: 0, gini: 0 };
      const report: FairnessReport = { checkpoint: CHECKPOINT, fiscal_year: year, unit_id: unit, by, rows, total: empty ? nothing : FAIRNESS_TOTAL[by] };
      return json(200, report);
    }
    if (request.path === DISCLOSURE_PATH) {
      const quarter = query.get('quarter');
      const rows = empty ? [] : DISCLOSURE_ROWS.filter((r) => quarter === null || r.period === `${year}-Q${quarter}`);
      if (query.get('format') === 'csv') {
        return csv(quarter === null ? `disclosure-${year}.csv` : `disclosure-${year}-q${quarter}.csv`, ['period,public_body,unit,media_owner,outlet,media_type,amount', ...rows.map((r) => [r.period, r.public_body, r.unit, r.media_owner, r.outlet, r.media_type, r.amount.amount].join(','))]);
      }
      const amount = rows.reduce((sum, r) => sum + BigInt(r.amount.amount), 0n).toString();
      const report: DisclosureReport = { checkpoint: CHECKPOINT, fiscal_year: year, quarter: quarter === null ? null : Number(quarter), rows, total: { entries: rows.length, amount: idr(amount) } };
      return json(200, report);
    }
    if (request.path !== REPORT_PATH) return undefined;
    const by = (query.get('by') ?? 'outlet') as RealisationDimension;
    const rows = empty ? [] : ROWS[by];
    if (query.get('format') === 'csv') {
      return csv(`realisation-${year}-${by}.csv`, ['key,code,label,orders,amount,vat,realised', ...rows.map((r) => [r.key, r.code ?? '', r.label, r.orders, r.amount.amount, r.vat.amount, r.realised.amount].join(','))]);
    }
    const report: RealisationReport = { checkpoint: CHECKPOINT, fiscal_year: year, by, unit_id: unit, rows, total: empty ? NOTHING : TOTAL };
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

/**
 * Signs in before each of a test file's tests and, after each, takes the page down and signs out:
 * every report test file starts from the same session, so they share the set-up.
 */
export function signInEachTest() {
  beforeEach(() => {
    api.session.setTokens(tokenPair('access-1'));
  });
  afterEach(() => {
    cleanup();
    api.session.clear(null);
  });
}

export { pick } from '../../test/select';
