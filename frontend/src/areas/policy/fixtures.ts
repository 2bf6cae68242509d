import type { Policy, PolicyVersion, PolicyVersionSummary, PresetSummary, Regulation } from '../../api/types';
import { fakeServer, json, me, problem, type Seen } from '../../test/http';

// A small policy in the shape of the OKI standard, for the area's tests.

const idr = (amount: string) => ({ amount, currency: 'IDR' as const });
const basis = 'Lampiran Perbup OKI No. 54 Tahun 2018';

export const policy: Policy = {
  accepted_legal_forms: ['pt', 'yayasan', 'koperasi'],
  press_council_minimums: [
    { media_type: 'print', minimum: 'administratively_verified' },
    { media_type: 'online', minimum: 'administratively_verified' },
  ],
  requirements: [
    {
      code: 'npwp',
      label: { id: 'NPWP perusahaan', en: 'Company tax number (NPWP)' },
      media_types: ['print', 'online'],
      mandatory: true,
      needs_expiry: false,
      file_types: ['pdf', 'jpeg'],
      max_size_bytes: 2_097_152,
    },
    {
      code: 'sertifikat_dewan_pers',
      label: { id: 'Sertifikat verifikasi Dewan Pers', en: 'Press Council verification certificate' },
      media_types: ['online'],
      mandatory: false,
      needs_expiry: true,
      file_types: ['pdf'],
      max_size_bytes: 5_242_880,
    },
  ],
  rules: [
    {
      code: 'karyawan_minimal_5',
      label: { id: 'Karyawan paling sedikit 5 orang', en: 'At least 5 employees' },
      media_types: ['print', 'online'],
      check: { kind: 'staff_at_least', count: 5 },
    },
    {
      code: 'modal_disetor',
      label: { id: 'Modal disetor', en: 'Paid-up capital' },
      media_types: ['print', 'online'],
      check: { kind: 'paid_up_capital_at_least', amount: idr('50000000') },
    },
    {
      code: 'dewan_pers',
      label: { id: 'Terverifikasi Dewan Pers', en: 'Verified by the Press Council' },
      media_types: ['online'],
      check: { kind: 'press_council_at_least' },
    },
  ],
  rubric: [
    {
      code: 'pengunjung',
      label: { id: 'Jumlah pengunjung per bulan', en: 'Monthly visitors' },
      media_types: ['online'],
      options: [
        { code: 'lebih_100rb', label: { id: 'Lebih dari 100.000', en: 'Over 100,000' }, points: 40 },
        { code: 'sampai_100rb', label: { id: 'Sampai 100.000', en: 'Up to 100,000' }, points: 10 },
      ],
    },
  ],
  tiers: [
    { code: 'A', label: { id: 'Golongan A', en: 'Tier A' }, min_points: 70 },
    { code: 'B', label: { id: 'Golongan B', en: 'Tier B' }, min_points: 40 },
    { code: 'C', label: { id: 'Golongan C', en: 'Tier C' }, min_points: 0 },
  ],
  products: [
    { code: 'advertorial', label: { id: 'Advertorial', en: 'Advertorial' }, unit: { id: 'tayang', en: 'posting' } },
    { code: 'banner', label: { id: 'Banner', en: 'Banner' }, unit: { id: 'bulan', en: 'month' } },
  ],
  rate_card: [
    { media_type: 'online', tier: 'A', product: 'advertorial', max_unit_price: idr('2000000'), tax_inclusive: true, legal_basis: basis },
    { media_type: 'online', tier: 'B', product: 'advertorial', max_unit_price: idr('1000000'), tax_inclusive: true, legal_basis: basis },
    { media_type: 'online', tier: 'C', product: 'advertorial', max_unit_price: idr('500000'), tax_inclusive: true, legal_basis: basis },
    { media_type: 'online', tier: 'A', product: 'banner', max_unit_price: idr('1500000'), tax_inclusive: true, legal_basis: basis },
    { media_type: 'print', tier: 'A', product: 'advertorial', max_unit_price: idr('5000000'), tax_inclusive: true, legal_basis: basis },
  ],
  tax: {
    pph23_bp: 200,
    pph23_without_npwp_bp: 400,
    vat_bp: 1200,
    vat_base_numerator: 11,
    vat_base_denominator: 12,
    stamp_duty_threshold: idr('5000000'),
    stamp_duty: idr('10000'),
  },
  numbering: [{ document: 'order', pattern: '{seq:4}/SP/{unit}/{month}/{year}' }],
};

export const regulation: Regulation = {
  id: '0190f7a0-0000-7000-8000-0000000000e1',
  kind: 'perbup',
  number: '54',
  year: 2018,
  title: 'Mekanisme Kerja Sama Kemitraan Publikasi melalui Media Massa',
  effective_from: '2018-10-01',
  effective_until: null,
  created_at: '2026-01-02T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
  version: 1,
};

export const version: PolicyVersion = {
  id: '0190f7a0-0000-7000-8000-0000000000f1',
  fiscal_year: 2026,
  revision: 1,
  source: 'preset:oki',
  regulation_id: regulation.id,
  used_at: null,
  created_at: '2026-01-02T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
  version: 3,
  policy,
};

export const presets: PresetSummary[] = [
  {
    code: 'oki',
    name: { id: 'Standar Kabupaten Ogan Komering Ilir', en: 'Ogan Komering Ilir regency standard' },
    note: {
      id: 'Setiap nilai adalah bawaan yang dapat diubah: periksa terhadap peraturan daerah Anda sebelum dipakai.',
      en: 'Every value is an editable default: check it against your regional regulation before use.',
    },
    regulation: { kind: 'perbup', number: '54', year: 2018, title: 'Mekanisme Kerja Sama Kemitraan Publikasi melalui Media Massa' },
  },
];

/** An officer: reads the policy, changes nothing. */
export const officer = { ...me, role: 'officer', permissions: ['organisation.read', 'units.read', 'policy.read'] };

/** A version as lists show it, without its document. */
export function summary(full: PolicyVersion): PolicyVersionSummary {
  const { id, fiscal_year, revision, source, regulation_id, used_at, created_at, updated_at } = full;
  return { id, fiscal_year, revision, source, regulation_id, used_at, created_at, updated_at, version: full.version };
}

/**
 * The fake server with `shown` as the one version of its fiscal year (none in other years),
 * answering `handle` first.
 */
export function policyServer(options: { shown?: PolicyVersion; who?: typeof me; handle?: (seen: Seen) => Response | undefined } = {}) {
  const { shown = version, who = me, handle = () => undefined } = options;
  return fakeServer((request) => {
    const custom = handle(request);
    if (custom) return custom;
    const { method, path, search } = request;
    if (path === '/api/v1/me') return json(200, who);
    if (method !== 'GET') return undefined;
    if (path === '/api/v1/policy-versions/current') {
      return search === `?fiscal_year=${shown.fiscal_year}` ? json(200, shown) : problem(404, 'not_found');
    }
    if (path === '/api/v1/policy-versions') {
      const items = !search.includes('fiscal_year=') || search.includes(`fiscal_year=${shown.fiscal_year}`) ? [summary(shown)] : [];
      return json(200, { items, next_cursor: null });
    }
    if (path === `/api/v1/policy-versions/${shown.id}`) return json(200, shown);
    if (path === '/api/v1/policy/presets') return json(200, presets);
    if (path === `/api/v1/regulations/${regulation.id}`) return json(200, regulation);
    if (path === '/api/v1/regulations') return json(200, { items: [regulation], next_cursor: null });
    return undefined;
  });
}
