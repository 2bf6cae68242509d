import type { Application, PolicyVersion } from '../../api/types';
import { fakeServer, json, me, type Seen } from '../../test/http';
import type { Agreement, AgreementAmendment, BudgetLine } from './model';

// A small set of agreements in the shape of the demo's, for the area's tests.

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
  permissions: ['organisation.read', 'units.read', 'policy.read', 'registry.read', 'applications.read', 'applications.manage', ...READ, 'agreements.manage', 'orders.manage'],
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

const rate = (media: string, tier: string, product: string, max: string) => ({
  media_type: media,
  tier,
  product,
  max_unit_price: amount(max),
  tax_inclusive: true,
  legal_basis: 'Perbup OKI No. 12 Tahun 2025, Lampiran II',
});

/** The products and rate card of the year's policy: online outlets of tier A are priced highest. */
export const policyVersion = {
  id: '0190f7a0-0000-7000-8000-0000000002f1',
  fiscal_year: YEAR,
  revision: 1,
  used_at: '2026-03-10T02:00:00Z',
  policy: {
    tiers: [
      { code: 'A', label: { id: 'Golongan A', en: 'Tier A' }, min_points: 70 },
      { code: 'B', label: { id: 'Golongan B', en: 'Tier B' }, min_points: 40 },
    ],
    products: [
      { code: 'advertorial', label: { id: 'Advertorial', en: 'Advertorial' }, unit: { id: 'tayang', en: 'publication' } },
      { code: 'banner', label: { id: 'Banner', en: 'Banner' }, unit: { id: 'bulan', en: 'month' } },
      { code: 'iklan_cetak', label: { id: 'Iklan cetak', en: 'Print advert' }, unit: { id: 'edisi', en: 'edition' } },
    ],
    rate_card: [
      rate('online', 'A', 'advertorial', '1500000'),
      rate('online', 'B', 'advertorial', '1000000'),
      rate('online', 'A', 'banner', '750000'),
      rate('print', 'A', 'iklan_cetak', '5000000'),
    ],
  },
} as unknown as PolicyVersion;

/** An online outlet of tier A, approved for the year. */
export const approved: Application = {
  id: '0190f7a0-0000-7000-8000-0000000002a3',
  outlet_id: '0190f7a0-0000-7000-8000-0000000001b3',
  outlet_name: 'Berita Pedamaran',
  media_type: 'online',
  company_id: '0190f7a0-0000-7000-8000-0000000001a3',
  company_name: 'PT Pedamaran Media',
  fiscal_year: YEAR,
  policy_version_id: policyVersion.id,
  state: 'approved',
  next_steps: [],
  submitted_at: '2026-03-02T03:00:00Z',
  score: { answers: [], points: 75, tier: 'A' },
  last_reason: null,
  decided_at: '2026-03-10T02:00:00Z',
  decided_by: me.id,
  created_by: officer.id,
  created_at: '2026-03-01T03:00:00Z',
  updated_at: '2026-03-10T02:00:00Z',
  version: 9,
};

export const budgetLine: BudgetLine = {
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
};

const advertorialLine = {
  id: '0190f7a0-0000-7000-8000-000000000811',
  product: 'advertorial',
  quota: 12,
  ordered: 0,
  available: 12,
  offered_price: amount('1500000'),
  reference_price: amount('1450000'),
  agreed_price: amount('1400000'),
  negotiation_note: 'Turun Rp 100.000 per tayang setelah negosiasi',
  rate_max: amount('1500000'),
  tax_inclusive: true,
  legal_basis: 'Perbup OKI No. 12 Tahun 2025, Lampiran II',
};

export const draft: Agreement = {
  id: '0190f7a0-0000-7000-8000-000000000801',
  number: '001/PKS/DISKOMINFO/III/2026',
  application_id: approved.id,
  company_id: approved.company_id,
  company_name: approved.company_name,
  outlet_id: approved.outlet_id,
  outlet_name: approved.outlet_name,
  media_type: 'online',
  tier: 'A',
  fiscal_year: YEAR,
  policy_version_id: policyVersion.id,
  kind: 'partnership',
  title: 'Kerja sama publikasi Berita Pedamaran Tahun Anggaran 2026',
  external_order_id: null,
  budget_line: budgetLine,
  starts_on: '2026-03-15',
  ends_on: '2026-12-31',
  ceiling: amount('16800000'),
  reserved: amount('0'),
  committed: amount('0'),
  realised: amount('0'),
  remaining: amount('16800000'),
  state: 'draft',
  ground: null,
  last_reason: null,
  amendments: 0,
  activated_at: null,
  closed_at: null,
  created_by: officer.id,
  created_at: '2026-03-12T02:00:00Z',
  updated_at: '2026-03-12T02:00:00Z',
  version: 1,
  lines: [advertorialLine],
  next_steps: ['activate'],
};

export const active: Agreement = {
  ...draft,
  id: '0190f7a0-0000-7000-8000-000000000802',
  number: '002/PKS/DISKOMINFO/III/2026',
  state: 'active',
  reserved: amount('16800000'),
  committed: amount('2800000'),
  remaining: amount('14000000'),
  activated_at: '2026-03-16T02:00:00Z',
  amendments: 1,
  last_reason: 'Adendum I: tambahan kuota advertorial',
  version: 5,
  lines: [{ ...advertorialLine, id: '0190f7a0-0000-7000-8000-000000000812', ordered: 2, available: 10 }],
  // Not past its end date: the server does not offer expiring it.
  next_steps: ['complete', 'terminate'],
};

export const amendments: AgreementAmendment[] = [
  {
    number: 1,
    reason: 'Adendum I: tambahan kuota advertorial',
    before: { ceiling: 14000000, ends_on: '2026-11-30', lines: [{ product: 'advertorial', quota: 10, agreed_price: 1400000 }] },
    after: { ceiling: 16800000, ends_on: '2026-12-31', lines: [{ product: 'advertorial', quota: 12, agreed_price: 1400000 }] },
    actor_id: officer.id,
    at: '2026-06-01T02:00:00Z',
  } as unknown as AgreementAmendment,
];

const page = <T>(items: T[]) => ({ items, next_cursor: null });

/** The fake server with the agreements above, as `who`, answering `handle` first. */
export function agreementsServer({
  handle = () => undefined,
  who = officer,
  agreements = [draft, active],
}: { handle?: (request: Seen) => Response | undefined; who?: object; agreements?: Agreement[] } = {}) {
  return fakeServer((request) => {
    const custom = handle(request);
    if (custom) return custom;
    const { path, method, search } = request;
    if (method !== 'GET') return undefined;
    if (path === '/api/v1/me') return json(200, who);
    if (path === '/api/v1/agreements') {
      const application = new URLSearchParams(search).get('application_id');
      return json(200, page(application === null ? agreements : agreements.filter((agreement) => agreement.application_id === application)));
    }
    for (const agreement of agreements) {
      if (path === `/api/v1/agreements/${agreement.id}`) return json(200, agreement, { ETag: `"${agreement.version}"` });
      if (path === `/api/v1/agreements/${agreement.id}/amendments`) return json(200, agreement.amendments > 0 ? amendments : []);
    }
    if (path === '/api/v1/applications') return json(200, page([approved]));
    if (path === `/api/v1/policy-versions/${policyVersion.id}`) return json(200, policyVersion);
    if (path === '/api/v1/budget-lines') return json(200, page([budgetLine]));
    return undefined;
  });
}
