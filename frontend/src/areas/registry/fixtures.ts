import type { BankAccount, Evaluation, NewsroomPerson, Outlet, PolicyVersion, PressCompany, PressCouncilRecord } from '../../api/types';
import { fakeServer, json, me, type Seen } from '../../test/http';

// A small registry in the shape of the demo's, for the area's tests.

const idr = (amount: string) => ({ amount, currency: 'IDR' as const });

export const company: PressCompany = {
  id: '0190f7a0-0000-7000-8000-0000000001a1',
  legal_name: 'PT Kayuagung Media Utama',
  legal_form: 'pt',
  deed_number: '19',
  deed_date: '2017-03-01',
  ahu_number: 'AHU-0041809.AH.01.01',
  ahu_date: '2017-03-10',
  nib: '9120000250000',
  npwp: '0024175836312000',
  npwp_printed: '02.417.583.6-312.000',
  vat_registered_since: '2023-01-01',
  address: 'Jl. Letnan Muchtar Saleh No. 24, Kayuagung',
  phone: '0712-321614',
  email: 'redaksi@kayuagungmediautama.example.id',
  website: 'https://kayuagungterkini.example.id',
  staff_count: 14,
  paid_up_capital: idr('250000000'),
  local_office: true,
  association: 'SMSI',
  status: 'active',
  status_reason: null,
  status_since: '2025-01-02',
  press_council_status: 'factually_verified',
  press_council_valid_until: '2099-06-30',
  created_at: '2025-01-02T00:00:00Z',
  updated_at: '2025-01-02T00:00:00Z',
  version: 3,
};

/** A company whose Press Council certificate has lapsed. */
export const lapsed: PressCompany = {
  ...company,
  id: '0190f7a0-0000-7000-8000-0000000001a2',
  legal_name: 'Yayasan Pers Pedamaran',
  legal_form: 'yayasan',
  npwp: '0029634157312000',
  npwp_printed: '02.963.415.7-312.000',
  press_council_status: 'administratively_verified',
  press_council_valid_until: '2020-01-31',
  version: 1,
};

export const outlet: Outlet = {
  id: '0190f7a0-0000-7000-8000-0000000001b1',
  company_id: company.id,
  media_type: 'online',
  name: 'Kayuagung Terkini',
  url: 'https://kayuagungterkini.example.id',
  frequency: null,
  scale: 'local',
  first_published: '2017-03-01',
  periodicity: 'continuous',
  circulation: null,
  monthly_visitors: 180000,
  claims_evidence: 'Statistik kunjungan tiga bulan terakhir',
  broadcast_licence: null,
  broadcast_licence_until: null,
  created_at: '2025-01-02T00:00:00Z',
  updated_at: '2025-01-02T00:00:00Z',
  version: 2,
};

export const editor: NewsroomPerson = {
  id: '0190f7a0-0000-7000-8000-0000000001c1',
  company_id: company.id,
  fiscal_year: 2026,
  full_name: 'Rahmat Hidayat',
  role: 'editor_in_chief',
  nik_last_four: '0004',
  competence_level: 'utama',
  competence_certificate: 'UKW-UTAMA-0004',
  competence_date: '2024-01-02',
  created_at: '2025-01-02T00:00:00Z',
  updated_at: '2025-01-02T00:00:00Z',
  version: 1,
};

export const checks: PressCouncilRecord[] = [
  {
    id: '0190f7a0-0000-7000-8000-0000000001d2',
    company_id: company.id,
    status: 'factually_verified',
    certificate_number: '518/DP-Verifikasi-K/9',
    certificate_date: '2024-06-30',
    valid_until: '2099-06-30',
    checked_on: '2025-06-01',
    checked_by: null,
    evidence: 'Data perusahaan pers di situs Dewan Pers',
    created_at: '2025-06-01T00:00:00Z',
  },
  {
    id: '0190f7a0-0000-7000-8000-0000000001d1',
    company_id: company.id,
    status: 'administratively_verified',
    certificate_number: null,
    certificate_date: null,
    valid_until: '2021-01-01',
    checked_on: '2019-05-01',
    checked_by: null,
    evidence: 'Sertifikat asli',
    created_at: '2019-05-01T00:00:00Z',
  },
];

export const accounts: BankAccount[] = [
  {
    id: '0190f7a0-0000-7000-8000-0000000001e1',
    company_id: company.id,
    bank_name: 'Bank Sumsel Babel',
    account_number: '149023100456',
    holder_name: 'PT KAYUAGUNG MEDIA UTAMA',
    verified_at: '2025-01-03T02:00:00Z',
    verified_by: me.id,
    created_at: '2025-01-02T00:00:00Z',
    version: 2,
  },
  {
    id: '0190f7a0-0000-7000-8000-0000000001e2',
    company_id: company.id,
    bank_name: 'Bank Rakyat Indonesia',
    account_number: '556601000111502',
    holder_name: 'BUDI SANTOSO',
    verified_at: null,
    verified_by: null,
    created_at: '2025-01-02T00:00:00Z',
    version: 1,
  },
];

/** A judgement with a rule of every verdict, as the server words its evidence. */
export const evaluation: Evaluation = {
  eligible: false,
  rules: [
    { rule: 'badan_hukum', kind: 'legal_form_accepted', verdict: 'pass', expected: { accepted: ['pt', 'yayasan', 'koperasi'] }, found: { legal_form: 'pt' } },
    { rule: 'karyawan_minimal_5', kind: 'staff_at_least', verdict: 'fail', expected: { count: 5 }, found: { count: 3 } },
    { rule: 'pemred_utama', kind: 'editor_competence_at_least', verdict: 'missing', expected: { level: 'utama' }, found: null },
    {
      rule: 'dewan_pers',
      kind: 'press_council_at_least',
      verdict: 'fail',
      expected: { minimum: 'administratively_verified' },
      found: { status: 'administratively_verified', valid_until: '2020-01-31' },
    },
    { rule: 'modal_disetor', kind: 'paid_up_capital_at_least', verdict: 'pass', expected: { amount: idr('50000000') }, found: { amount: idr('250000000') } },
  ],
};

/** The policy in force, for the names of the rules. */
export const policyVersion = {
  id: '0190f7a0-0000-7000-8000-0000000001f1',
  fiscal_year: 2026,
  revision: 1,
  policy: {
    rules: [
      { code: 'badan_hukum', label: { id: 'Berbadan hukum PT, yayasan atau koperasi', en: 'A PT, foundation or cooperative' }, media_types: ['online'], check: { kind: 'legal_form_accepted' } },
      { code: 'karyawan_minimal_5', label: { id: 'Karyawan paling sedikit 5 orang', en: 'At least 5 employees' }, media_types: ['online'], check: { kind: 'staff_at_least', count: 5 } },
    ],
  },
} as unknown as PolicyVersion;

export const officer = {
  ...me,
  id: '0190f7a0-0000-7000-8000-000000000003',
  username: 'oki.officer',
  full_name: 'Petugas Kemitraan Media',
  role: 'officer',
  permissions: ['organisation.read', 'units.read', 'policy.read', 'registry.read', 'registry.manage'],
};

export const verifier = {
  ...officer,
  username: 'oki.verifier',
  role: 'verifier',
  permissions: [...officer.permissions, 'registry.sanction'],
};

export const treasurer = {
  ...officer,
  username: 'oki.treasurer',
  role: 'treasurer',
  permissions: ['organisation.read', 'units.read', 'policy.read', 'registry.read', 'bank_accounts.verify'],
};

export const auditor = {
  ...officer,
  username: 'oki.auditor',
  role: 'auditor',
  permissions: ['organisation.read', 'units.read', 'users.read', 'audit.read', 'policy.read', 'registry.read'],
};

const page = <T>(items: T[]) => ({ items, next_cursor: null });

/**
 * The fake server with the registry above, answering `handle` first, as `who`: companies and
 * outlets by list and by id, a company's checks, accounts and newsroom, and the outlet's judgement.
 */
export function registryServer({ handle = () => undefined, who = verifier }: { handle?: (request: Seen) => Response | undefined; who?: object } = {}) {
  return fakeServer((request) => {
    const custom = handle(request);
    if (custom) return custom;
    const { path, method } = request;
    if (method !== 'GET') return undefined;
    if (path === '/api/v1/me') return json(200, who);
    if (path === '/api/v1/press-companies') return json(200, page([company, lapsed]));
    if (path === `/api/v1/press-companies/${company.id}`) return json(200, company, { ETag: `"${company.version}"` });
    if (path === `/api/v1/press-companies/${company.id}/press-council-records`) return json(200, checks);
    if (path === `/api/v1/press-companies/${company.id}/bank-accounts`) return json(200, accounts);
    if (path === `/api/v1/press-companies/${company.id}/people`) return json(200, page([editor]));
    if (path === '/api/v1/outlets') return json(200, page([outlet]));
    if (path === `/api/v1/outlets/${outlet.id}`) return json(200, outlet, { ETag: `"${outlet.version}"` });
    if (path === `/api/v1/outlets/${outlet.id}/eligibility`) return json(200, evaluation);
    if (path === '/api/v1/policy-versions/current') return json(200, policyVersion);
    return undefined;
  });
}
