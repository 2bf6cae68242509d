import { fakeServer, json, me, type Seen } from '../../test/http';
import type { RealisationDimension, RealisationReport, RealisationRow } from './model';

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

/** The report's requests a fake server saw, each as its query. */
export function reportRequests(seen: Seen[]): URLSearchParams[] {
  return seen.filter((request) => request.method === 'GET' && request.path === REPORT_PATH).map((request) => new URLSearchParams(request.search));
}

/**
 * A server that answers the realisation report by the dimension asked (no payments at all when
 * `empty`), as JSON or, with `format=csv`, as the CSV download.
 */
export function reportServer({ who = auditor, empty = false, handle = () => undefined }: { who?: object; empty?: boolean; handle?: (request: Seen) => Response | undefined } = {}) {
  return fakeServer((request) => {
    const custom = handle(request);
    if (custom) return custom;
    if (request.method !== 'GET') return undefined;
    if (request.path === '/api/v1/me') return json(200, who);
    if (request.path !== REPORT_PATH) return undefined;
    const query = new URLSearchParams(request.search);
    const year = Number(query.get('fiscal_year'));
    const by = (query.get('by') ?? 'outlet') as RealisationDimension;
    const rows = empty ? [] : ROWS[by];
    if (query.get('format') === 'csv') {
      const lines = ['key,code,label,orders,amount,vat,realised', ...rows.map((r) => [r.key, r.code ?? '', r.label, r.orders, r.amount.amount, r.vat.amount, r.realised.amount].join(','))];
      return new Response(`${lines.join('\n')}\n`, {
        status: 200,
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="realisation-${year}-${by}.csv"` },
      });
    }
    const report: RealisationReport = { fiscal_year: year, by, unit_id: query.get('unit_id'), rows, total: empty ? NOTHING : TOTAL };
    return json(200, report);
  });
}
