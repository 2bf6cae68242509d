import type { PolicyVersion } from '../../api/types';
import { fakeServer, json, me, type Seen } from '../../test/http';
import type { Agreement, Order } from './model';

// A month of orders in the shape of the demo's, for the area's tests.

export const YEAR = 2026;

/** "Rp 1.500.000" as Intl writes it, with a no-break space (accessible names keep it as it is). */
export const rp = (grouped: string) => `Rp\u00a0${grouped}`;

const READ = ['budget.read', 'agreements.read', 'orders.read'];

export const officer = {
  ...me,
  id: '0190f7a0-0000-7000-8000-000000000003',
  username: 'oki.officer',
  full_name: 'Petugas Kemitraan Media',
  role: 'officer',
  permissions: ['organisation.read', 'units.read', 'policy.read', 'registry.read', 'applications.read', ...READ, 'agreements.manage', 'orders.manage'],
};

export const auditor = {
  ...officer,
  id: '0190f7a0-0000-7000-8000-000000000005',
  username: 'oki.auditor',
  full_name: 'Auditor Inspektorat',
  role: 'auditor',
  permissions: ['organisation.read', 'units.read', 'users.read', 'audit.read', 'policy.read', 'registry.read', 'applications.read', ...READ],
};

const amount = (value: string) => ({ amount: value, currency: 'IDR' as const });

export const policyVersion = {
  id: '0190f7a0-0000-7000-8000-0000000002f1',
  fiscal_year: YEAR,
  revision: 1,
  used_at: '2026-03-10T02:00:00Z',
  policy: {
    tiers: [{ code: 'A', label: { id: 'Golongan A', en: 'Tier A' }, min_points: 70 }],
    products: [
      { code: 'advertorial', label: { id: 'Advertorial', en: 'Advertorial' }, unit: { id: 'tayang', en: 'publication' } },
      { code: 'banner', label: { id: 'Banner', en: 'Banner' }, unit: { id: 'bulan', en: 'month' } },
    ],
    rate_card: [],
  },
} as unknown as PolicyVersion;

const line = (id: string, product: string, quota: number, ordered: number, price: string) => ({
  id,
  product,
  quota,
  ordered,
  available: quota - ordered,
  offered_price: amount(price),
  reference_price: amount(price),
  agreed_price: amount(price),
  negotiation_note: null,
  rate_max: amount(price),
  tax_inclusive: true,
  legal_basis: 'Perbup OKI No. 12 Tahun 2025, Lampiran II',
});

/** An active agreement with room on its advertorial line and none left on its banner. */
export const agreement: Agreement = {
  id: '0190f7a0-0000-7000-8000-000000000802',
  number: '002/PKS/DISKOMINFO/III/2026',
  application_id: '0190f7a0-0000-7000-8000-0000000002a3',
  company_id: '0190f7a0-0000-7000-8000-0000000001a3',
  company_name: 'PT Pedamaran Media',
  outlet_id: '0190f7a0-0000-7000-8000-0000000001b3',
  outlet_name: 'Berita Pedamaran',
  media_type: 'online',
  tier: 'A',
  fiscal_year: YEAR,
  policy_version_id: policyVersion.id,
  kind: 'partnership',
  title: 'Kerja sama publikasi Berita Pedamaran Tahun Anggaran 2026',
  external_order_id: null,
  budget_line: {
    id: '0190f7a0-0000-7000-8000-000000000701',
    unit_id: me.unit.id,
    unit_code: 'DISKOMINFO',
    unit_name: 'Dinas Komunikasi dan Informatika',
    fiscal_year: YEAR,
    account_code: '5.1.02.01.01.0025',
    name: 'Belanja Jasa Iklan/Reklame, Film, dan Pemotretan',
    original_ceiling: amount('250000000'),
    ceiling: amount('250000000'),
    allocated: amount('150000000'),
    unallocated: amount('100000000'),
    committed: amount('50000000'),
    realised: amount('62500000'),
    remaining: amount('137500000'),
    revisions: 0,
    created_at: '2026-01-05T02:00:00Z',
    updated_at: '2026-01-05T02:00:00Z',
    version: 3,
  },
  starts_on: '2026-03-15',
  ends_on: '2099-12-31',
  ceiling: amount('19800000'),
  reserved: amount('19800000'),
  committed: amount('5800000'),
  realised: amount('0'),
  remaining: amount('14000000'),
  state: 'active',
  ground: null,
  last_reason: null,
  amendments: 0,
  activated_at: '2026-03-16T02:00:00Z',
  closed_at: null,
  created_by: officer.id,
  created_at: '2026-03-12T02:00:00Z',
  updated_at: '2026-03-16T02:00:00Z',
  version: 2,
  lines: [line('0190f7a0-0000-7000-8000-000000000812', 'advertorial', 12, 2, '1400000'), line('0190f7a0-0000-7000-8000-000000000813', 'banner', 4, 4, '750000')],
  next_steps: ['complete', 'terminate'],
};

export const issued: Order = {
  id: '0190f7a0-0000-7000-8000-000000000901',
  number: '0001/SP/DISKOMINFO/III/2026',
  agreement_id: agreement.id,
  agreement_number: agreement.number,
  agreement_line_id: agreement.lines[0]?.id ?? '',
  budget_line_id: agreement.budget_line.id,
  company_id: agreement.company_id,
  company_name: agreement.company_name,
  outlet_id: agreement.outlet_id,
  outlet_name: agreement.outlet_name,
  media_type: 'online',
  fiscal_year: YEAR,
  product: 'advertorial',
  quantity: 2,
  unit_price: amount('1400000'),
  amount: amount('2800000'),
  subject: 'Publikasi Hari Jadi Kabupaten OKI',
  instructions: 'Tayang di halaman utama selama 24 jam',
  content_item_id: null,
  content_title: null,
  issued_on: '2026-04-01',
  due_from: '2026-04-05',
  due_until: '2099-04-10',
  published_on: null,
  verified_quantity: null,
  state: 'issued',
  last_reason: null,
  created_by: officer.id,
  created_at: '2026-04-01T02:00:00Z',
  updated_at: '2026-04-01T02:00:00Z',
  version: 1,
  next_steps: ['accept', 'decline', 'cancel'],
};

export const accepted: Order = {
  ...issued,
  id: '0190f7a0-0000-7000-8000-000000000902',
  number: '0002/SP/DISKOMINFO/III/2026',
  subject: 'Publikasi Festival Bidar',
  state: 'accepted',
  version: 2,
  next_steps: ['cancel'],
};

export const paid: Order = {
  ...issued,
  id: '0190f7a0-0000-7000-8000-000000000903',
  number: '0003/SP/DISKOMINFO/III/2026',
  subject: 'Publikasi Musrenbang',
  quantity: 1,
  amount: amount('1400000'),
  state: 'paid',
  published_on: '2026-04-06',
  verified_quantity: 1,
  version: 7,
  next_steps: [],
};

export const declined: Order = {
  ...issued,
  id: '0190f7a0-0000-7000-8000-000000000904',
  number: '0004/SP/DISKOMINFO/III/2026',
  subject: 'Publikasi Pekan Olahraga',
  state: 'declined',
  last_reason: 'Redaksi tidak dapat menayangkan pada tanggal itu',
  version: 2,
  next_steps: [],
};

const page = <T>(items: T[]) => ({ items, next_cursor: null });

/** The fake server with the orders above, as `who`, answering `handle` first. */
export function ordersServer({
  handle = () => undefined,
  who = officer,
  orders = [issued, accepted, paid, declined],
}: { handle?: (request: Seen) => Response | undefined; who?: object; orders?: Order[] } = {}) {
  return fakeServer((request) => {
    const custom = handle(request);
    if (custom) return custom;
    const { path, method } = request;
    if (method !== 'GET') return undefined;
    if (path === '/api/v1/me') return json(200, who);
    if (path === '/api/v1/orders') return json(200, page(orders));
    for (const order of orders) {
      if (path === `/api/v1/orders/${order.id}`) return json(200, order, { ETag: `"${order.version}"` });
    }
    if (path === '/api/v1/agreements') return json(200, page([agreement]));
    if (path === `/api/v1/agreements/${agreement.id}`) return json(200, agreement);
    if (path === `/api/v1/policy-versions/${policyVersion.id}` || path === '/api/v1/policy-versions/current') return json(200, policyVersion);
    return undefined;
  });
}
