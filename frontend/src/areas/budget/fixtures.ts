import { fakeServer, json, me, type Seen } from '../../test/http';
import type { BudgetLine, BudgetLineRevision } from './model';

// A small DPA in the shape of the demo's, for the area's tests.

export const YEAR = 2026;

/** "Rp 1.500.000" as Intl writes it, with a no-break space (accessible names keep it as it is). */
export const rp = (grouped: string) => `Rp\u00a0${grouped}`;

const BUDGET_READ = ['budget.read', 'agreements.read', 'orders.read'];

export const admin = { ...me, permissions: [...me.permissions, ...BUDGET_READ, 'budget.manage', 'agreements.manage', 'orders.manage'] };

export const treasurer = {
  ...me,
  id: '0190f7a0-0000-7000-8000-000000000004',
  username: 'oki.treasurer',
  full_name: 'Bendahara Pengeluaran',
  role: 'treasurer',
  permissions: ['organisation.read', 'units.read', 'policy.read', 'registry.read', 'applications.read', 'bank_accounts.verify', ...BUDGET_READ, 'budget.manage'],
};

export const officer = {
  ...treasurer,
  id: '0190f7a0-0000-7000-8000-000000000003',
  username: 'oki.officer',
  full_name: 'Petugas Kemitraan Media',
  role: 'officer',
  permissions: ['organisation.read', 'units.read', 'policy.read', 'registry.read', 'applications.read', 'applications.manage', ...BUDGET_READ, 'agreements.manage', 'orders.manage'],
};

const amount = (value: string) => ({ amount: value, currency: 'IDR' as const });

/** Publication services of Diskominfo: a quarter paid, a fifth committed, 55% left. */
export const advertising: BudgetLine = {
  id: '0190f7a0-0000-7000-8000-000000000701',
  unit_id: me.unit.id,
  unit_code: 'DISKOMINFO',
  unit_name: 'Dinas Komunikasi dan Informatika',
  fiscal_year: YEAR,
  account_code: '5.1.02.01.01.0025',
  name: 'Belanja Jasa Iklan/Reklame, Film, dan Pemotretan',
  original_ceiling: amount('200000000'),
  ceiling: amount('250000000'),
  allocated: amount('150000000'),
  unallocated: amount('100000000'),
  committed: amount('50000000'),
  realised: amount('62500000'),
  remaining: amount('137500000'),
  revisions: 1,
  created_at: '2026-01-05T02:00:00Z',
  updated_at: '2026-07-01T02:00:00Z',
  version: 3,
};

/** Publications of the regional secretariat: nearly spent. */
export const publications: BudgetLine = {
  ...advertising,
  id: '0190f7a0-0000-7000-8000-000000000702',
  unit_code: 'SETDA',
  unit_name: 'Sekretariat Daerah',
  account_code: '5.1.02.02.01.0026',
  name: 'Belanja Jasa Publikasi',
  original_ceiling: amount('80000000'),
  ceiling: amount('80000000'),
  allocated: amount('80000000'),
  unallocated: amount('0'),
  committed: amount('20000000'),
  realised: amount('56000000'),
  remaining: amount('4000000'),
  revisions: 0,
  version: 1,
};

export const revisions: BudgetLineRevision[] = [
  {
    number: 1,
    from_ceiling: amount('200000000'),
    to_ceiling: amount('250000000'),
    reason: 'DPPA Perubahan APBD 2026 Nomor 900/123/BPKAD',
    actor_id: treasurer.id,
    at: '2026-07-01T02:00:00Z',
  },
];

const page = <T>(items: T[]) => ({ items, next_cursor: null });

/** The fake server with the lines above, as `who`, answering `handle` first. */
export function budgetServer({ handle = () => undefined, who = treasurer, lines = [advertising, publications] }: { handle?: (request: Seen) => Response | undefined; who?: object; lines?: BudgetLine[] } = {}) {
  return fakeServer((request) => {
    const custom = handle(request);
    if (custom) return custom;
    const { path, method } = request;
    if (method !== 'GET') return undefined;
    if (path === '/api/v1/me') return json(200, who);
    if (path === '/api/v1/budget-lines') return json(200, page(lines));
    for (const line of lines) {
      if (path === `/api/v1/budget-lines/${line.id}`) return json(200, line, { ETag: `"${line.version}"` });
      if (path === `/api/v1/budget-lines/${line.id}/revisions`) return json(200, line.revisions > 0 ? revisions : []);
    }
    return undefined;
  });
}
