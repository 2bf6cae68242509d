import type {
  Application,
  ApplicationDocument,
  ApplicationReadiness,
  ApplicationStep,
  ExpiringDocument,
  PolicyVersion,
  RegistrationWindow,
  Requirement,
} from '../../api/types';
import { fakeServer, json, me, type Seen } from '../../test/http';

// A small yearly call in the shape of the demo's, for the area's tests.

export const YEAR = 2026;

export const officer = {
  ...me,
  id: '0190f7a0-0000-7000-8000-000000000003',
  username: 'oki.officer',
  full_name: 'Petugas Kemitraan Media',
  role: 'officer',
  permissions: ['organisation.read', 'units.read', 'policy.read', 'registry.read', 'registry.manage', 'applications.read', 'applications.manage'],
};

export const verifier = {
  ...officer,
  id: '0190f7a0-0000-7000-8000-000000000002',
  username: 'oki.verifier',
  full_name: 'Verifikator Media',
  role: 'verifier',
  permissions: ['organisation.read', 'units.read', 'policy.read', 'registry.read', 'registry.manage', 'registry.sanction', 'applications.read', 'applications.review'],
};

export const auditor = {
  ...officer,
  id: '0190f7a0-0000-7000-8000-000000000005',
  username: 'oki.auditor',
  full_name: 'Auditor Inspektorat',
  role: 'auditor',
  permissions: ['organisation.read', 'units.read', 'users.read', 'audit.read', 'policy.read', 'registry.read', 'applications.read'],
};

const requirement = (code: string, id: string, en: string, extra: Partial<Requirement> = {}): Requirement => ({
  code,
  label: { id, en },
  media_types: ['print', 'online', 'tv', 'radio'],
  mandatory: true,
  needs_expiry: false,
  file_types: ['pdf'],
  max_size_bytes: 5242880,
  ...extra,
});

export const requirements = {
  letter: requirement('surat_permohonan', 'Surat permohonan kerja sama dan penawaran harga', 'Application letter and price offer'),
  pressCouncil: requirement('sertifikat_dewan_pers', 'Sertifikat verifikasi Dewan Pers', 'Press Council certificate', { needs_expiry: true }),
  npwp: requirement('npwp', 'NPWP perusahaan', 'Company tax number', { file_types: ['pdf', 'jpeg', 'png'], max_size_bytes: 2097152 }),
  integrity: requirement('pakta_integritas', 'Pakta integritas bermeterai', 'Stamped integrity pact'),
  visitors: requirement('data_kunjungan', 'Data kunjungan situs tiga bulan terakhir', 'Site visits of the last three months', {
    mandatory: false,
    media_types: ['online'],
  }),
};

export const policyVersion = {
  id: '0190f7a0-0000-7000-8000-0000000002f1',
  fiscal_year: YEAR,
  revision: 1,
  used_at: null,
  policy: {
    requirements: Object.values(requirements),
    rules: [
      { code: 'badan_hukum', label: { id: 'Berbadan hukum PT, yayasan atau koperasi', en: 'A PT, foundation or cooperative' }, media_types: ['online'], check: { kind: 'legal_form_accepted' } },
      { code: 'karyawan_minimal_5', label: { id: 'Paling sedikit 5 karyawan', en: 'At least 5 employees' }, media_types: ['online'], check: { kind: 'staff_at_least', count: 5 } },
    ],
    rubric: [
      {
        code: 'kunjungan',
        label: { id: 'Kunjungan situs per bulan', en: 'Site visits per month' },
        media_types: ['online'],
        options: [
          { code: 'di_bawah_10rb', label: { id: 'Di bawah 10.000', en: 'Under 10,000' }, points: 10 },
          { code: 'di_atas_100rb', label: { id: 'Di atas 100.000', en: 'Over 100,000' }, points: 50 },
        ],
      },
      {
        code: 'oplah',
        label: { id: 'Oplah per edisi', en: 'Copies per edition' },
        media_types: ['print'],
        options: [{ code: 'di_atas_5000', label: { id: 'Di atas 5.000', en: 'Over 5,000' }, points: 50 }],
      },
      {
        code: 'usia_media',
        label: { id: 'Usia media', en: 'Age of the outlet' },
        media_types: ['print', 'online', 'tv', 'radio'],
        options: [
          { code: 'di_bawah_1_tahun', label: { id: 'Di bawah 1 tahun', en: 'Under a year' }, points: 0 },
          { code: 'di_atas_5_tahun', label: { id: 'Di atas 5 tahun', en: 'Over 5 years' }, points: 20 },
        ],
      },
    ],
    tiers: [
      { code: 'A', label: { id: 'Golongan A', en: 'Tier A' }, min_points: 70 },
      { code: 'B', label: { id: 'Golongan B', en: 'Tier B' }, min_points: 40 },
      { code: 'C', label: { id: 'Golongan C', en: 'Tier C' }, min_points: 0 },
    ],
  },
} as unknown as PolicyVersion;

export const inReview: Application = {
  id: '0190f7a0-0000-7000-8000-0000000002a1',
  outlet_id: '0190f7a0-0000-7000-8000-0000000001b1',
  outlet_name: 'Kayuagung Terkini',
  media_type: 'online',
  company_id: '0190f7a0-0000-7000-8000-0000000001a1',
  company_name: 'PT Kayuagung Media Utama',
  fiscal_year: YEAR,
  policy_version_id: policyVersion.id,
  state: 'in_review',
  next_steps: ['request_revision', 'verify', 'reject', 'withdraw'],
  submitted_at: '2026-03-02T03:00:00Z',
  score: null,
  last_reason: null,
  decided_at: null,
  decided_by: null,
  created_by: officer.id,
  created_at: '2026-03-01T03:00:00Z',
  updated_at: '2026-03-02T03:00:00Z',
  version: 3,
};

export const draft: Application = {
  ...inReview,
  id: '0190f7a0-0000-7000-8000-0000000002a2',
  outlet_id: '0190f7a0-0000-7000-8000-0000000001b2',
  outlet_name: 'Suara Komering FM',
  media_type: 'online',
  company_id: '0190f7a0-0000-7000-8000-0000000001a2',
  company_name: 'PT Radio Suara Komering',
  state: 'draft',
  next_steps: ['submit', 'withdraw'],
  submitted_at: null,
  version: 1,
};

export const verified: Application = {
  ...inReview,
  id: '0190f7a0-0000-7000-8000-0000000002a3',
  outlet_id: '0190f7a0-0000-7000-8000-0000000001b3',
  outlet_name: 'Berita Pedamaran',
  state: 'verified',
  next_steps: ['approve', 'reject'],
  score: { answers: [{ criterion: 'kunjungan', option: 'di_atas_100rb' }, { criterion: 'usia_media', option: 'di_atas_5_tahun' }], points: 70, tier: 'A' },
  version: 7,
};

export const sentBack: Application = {
  ...draft,
  id: '0190f7a0-0000-7000-8000-0000000002a4',
  outlet_name: 'Ogan Ilir Pos',
  state: 'revision_requested',
  next_steps: ['submit', 'withdraw'],
  last_reason: 'Lampirkan sertifikat UKW pemimpin redaksi dan bukti BPJS karyawan',
  submitted_at: '2026-03-02T03:00:00Z',
  version: 4,
};

const document = (application: Application, requirementCode: string, extra: Partial<ApplicationDocument> = {}): ApplicationDocument => ({
  id: `0190f7a0-0000-7000-8000-0000000003${requirementCode.length.toString().padStart(2, '0')}`,
  application_id: application.id,
  requirement: requirementCode,
  file_name: `${requirementCode}.pdf`,
  file_type: 'pdf',
  file_size: 48213,
  sha256: 'a'.repeat(64),
  expires_on: null,
  current: true,
  review: 'pending',
  review_note: null,
  reviewed_by: null,
  reviewed_at: null,
  uploaded_by: officer.id,
  created_at: '2026-03-01T04:00:00Z',
  version: 1,
  ...extra,
});

export const documents = {
  letter: document(inReview, 'surat_permohonan', { id: '0190f7a0-0000-7000-8000-000000000301', review: 'accepted', reviewed_by: verifier.id, reviewed_at: '2026-03-03T02:00:00Z' }),
  pressCouncil: document(inReview, 'sertifikat_dewan_pers', { id: '0190f7a0-0000-7000-8000-000000000302', expires_on: '2099-06-30', version: 2 }),
  npwp: document(inReview, 'npwp', {
    id: '0190f7a0-0000-7000-8000-000000000303',
    review: 'rejected',
    review_note: 'NPWP tidak terbaca',
    reviewed_by: verifier.id,
    reviewed_at: '2026-03-03T02:00:00Z',
  }),
  oldNpwp: document(inReview, 'npwp', { id: '0190f7a0-0000-7000-8000-000000000304', file_name: 'npwp-lama.pdf', current: false }),
};

/** Judged in review: one rule fails, a document is rejected, one is missing, nothing scored or visited. */
export const readiness: ApplicationReadiness = {
  on: '2026-03-04',
  eligible: false,
  rules: [
    { rule: 'badan_hukum', kind: 'legal_form_accepted', verdict: 'pass', expected: { accepted: ['pt', 'yayasan', 'koperasi'] }, found: { legal_form: 'pt' } },
    { rule: 'karyawan_minimal_5', kind: 'staff_at_least', verdict: 'fail', expected: { count: 5 }, found: { count: 3 } },
  ],
  requirements: [
    { requirement: requirements.letter, document: documents.letter },
    { requirement: requirements.pressCouncil, document: documents.pressCouncil },
    { requirement: requirements.npwp, document: documents.npwp },
    { requirement: requirements.integrity, document: null },
    { requirement: requirements.visitors, document: null },
  ],
  score: null,
  site_visit: null,
  blockers: [
    { kind: 'document_not_reviewed', code: 'sertifikat_dewan_pers' },
    { kind: 'document_rejected', code: 'npwp' },
    { kind: 'document_missing', code: 'pakta_integritas' },
    { kind: 'rule_failed', code: 'karyawan_minimal_5' },
    { kind: 'not_scored', code: null },
    { kind: 'no_site_visit', code: null },
  ],
  ready: false,
};

/** A draft still gathering its documents: none handed in yet. */
export const gathering: ApplicationReadiness = {
  ...readiness,
  requirements: readiness.requirements.map((status) => ({ ...status, document: null })),
  blockers: [
    { kind: 'document_missing', code: 'surat_permohonan' },
    { kind: 'document_missing', code: 'sertifikat_dewan_pers' },
    { kind: 'document_missing', code: 'npwp' },
    { kind: 'document_missing', code: 'pakta_integritas' },
    { kind: 'rule_failed', code: 'karyawan_minimal_5' },
    { kind: 'not_scored', code: null },
    { kind: 'no_site_visit', code: null },
  ],
};

export const ready: ApplicationReadiness = {
  ...readiness,
  eligible: true,
  rules: readiness.rules.map((outcome) => ({ ...outcome, verdict: 'pass', found: outcome.rule === 'karyawan_minimal_5' ? { count: 7 } : outcome.found })),
  score: { answers: [], points: 70, tier: 'A' },
  site_visit: 'confirmed',
  blockers: [],
  ready: true,
};

export const steps: ApplicationStep[] = [
  { id: '0190f7a0-0000-7000-8000-000000000401', step: 'submit', from: 'draft', to: 'submitted', reason: null, policy_version_id: policyVersion.id, evidence: null, actor_id: officer.id, at: '2026-03-02T03:00:00Z' },
  { id: '0190f7a0-0000-7000-8000-000000000402', step: 'start_review', from: 'submitted', to: 'in_review', reason: null, policy_version_id: policyVersion.id, evidence: null, actor_id: verifier.id, at: '2026-03-02T05:00:00Z' },
];

export const openWindow: RegistrationWindow = {
  id: '0190f7a0-0000-7000-8000-000000000501',
  fiscal_year: YEAR,
  opens_on: '2026-02-01',
  closes_on: '2026-03-31',
  note: 'Pengumuman pembukaan kerja sama publikasi media massa',
  open: true,
  created_at: '2026-01-20T03:00:00Z',
  updated_at: '2026-01-20T03:00:00Z',
  version: 2,
};

export const expiring: ExpiringDocument[] = [
  {
    document: { ...documents.pressCouncil, id: '0190f7a0-0000-7000-8000-000000000601', expires_on: '2026-03-01' },
    fiscal_year: YEAR,
    application_state: 'in_review',
    company_id: inReview.company_id,
    company_name: inReview.company_name,
    outlet_id: inReview.outlet_id,
    outlet_name: inReview.outlet_name,
    days_left: -3,
  },
  {
    document: { ...documents.pressCouncil, id: '0190f7a0-0000-7000-8000-000000000602', application_id: draft.id, expires_on: '2026-03-24' },
    fiscal_year: YEAR,
    application_state: 'draft',
    company_id: draft.company_id,
    company_name: draft.company_name,
    outlet_id: draft.outlet_id,
    outlet_name: draft.outlet_name,
    days_left: 20,
  },
];

const page = <T>(items: T[]) => ({ items, next_cursor: null });

/**
 * The fake server with the call above, answering `handle` first, as `who`: the applications by
 * list and by id, the judged readiness (unless told: `gathering` for drafts and those sent back,
 * `readiness` for the others), documents, steps, windows, the policy version, and no site visit.
 */
export function applicationsServer({
  handle = () => undefined,
  who = verifier,
  judged,
  applications = [inReview, draft, verified, sentBack],
}: {
  handle?: (request: Seen) => Response | undefined;
  who?: object;
  judged?: ApplicationReadiness;
  applications?: Application[];
} = {}) {
  return fakeServer((request) => {
    const custom = handle(request);
    if (custom) return custom;
    const { path, method } = request;
    if (method !== 'GET') return undefined;
    if (path === '/api/v1/me') return json(200, who);
    if (path === '/api/v1/applications') return json(200, page(applications));
    for (const application of applications) {
      const base = `/api/v1/applications/${application.id}`;
      if (path === base) return json(200, application, { ETag: `"${application.version}"` });
      if (path === `${base}/readiness`) return json(200, judged ?? (application.state === 'draft' || application.state === 'revision_requested' ? gathering : readiness));
      if (path === `${base}/documents`) return json(200, application.id === inReview.id ? Object.values(documents) : []);
      if (path === `${base}/steps`) return json(200, steps);
      if (path === `${base}/site-visit`) return json(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' });
      if (path === `${base}/site-visit/photos`) return json(200, []);
    }
    if (path === `/api/v1/policy-versions/${policyVersion.id}`) return json(200, policyVersion);
    if (path === '/api/v1/policy-versions/current') return json(200, policyVersion);
    if (path === '/api/v1/registration-windows') return json(200, [openWindow]);
    if (path === '/api/v1/application-documents/expiring') return json(200, page(expiring));
    if (path === '/api/v1/press-companies') return json(200, page([{ id: inReview.company_id, legal_name: inReview.company_name }]));
    return undefined;
  });
}
