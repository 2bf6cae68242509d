import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { Suspense } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { RequirePermission } from '../../auth/RequirePermission';
import { PageLoader } from '../../components/PageLoader';
import { createQueryClient } from '../../queryClient';
import { fakeServer, json, me, type Seen } from '../../test/http';
import type { Order, Proof, ProofFile, ProofKind } from './model';
import ProofsRoutes from './routes';

// Orders and their proofs in the shape of the demo's, for the area's tests.

const READS = ['organisation.read', 'units.read', 'policy.read', 'registry.read', 'budget.read', 'agreements.read', 'orders.read', 'proofs.read', 'finance.read'];

export const officer = {
  ...me,
  id: '0190f7a0-0000-7000-8000-000000000003',
  username: 'oki.officer',
  full_name: 'Petugas Kemitraan Media',
  role: 'officer',
  permissions: [...READS, 'orders.manage', 'proofs.manage', 'proofs.review', 'invoices.accept'],
};

export const verifier = {
  ...officer,
  id: '0190f7a0-0000-7000-8000-000000000002',
  username: 'oki.verifier',
  full_name: 'Verifikator Media',
  role: 'verifier',
  permissions: [...READS, 'proofs.review'],
};

/** Who pays does not judge what is paid for: a treasurer reads proofs and reviews none. */
export const treasurer = {
  ...officer,
  id: '0190f7a0-0000-7000-8000-000000000004',
  username: 'oki.treasurer',
  full_name: 'Bendahara Pengeluaran',
  role: 'treasurer',
  permissions: [...READS, 'invoices.manage', 'payments.manage', 'bank_accounts.verify', 'budget.manage'],
};

const order = (extra: Partial<Order> & Pick<Order, 'id' | 'number'>): Order => ({
  agreement_id: '0190f7a0-0000-7000-8000-0000000003a1',
  agreement_number: '027/PKS/DISKOMINFO/II/2026',
  agreement_line_id: '0190f7a0-0000-7000-8000-0000000003b1',
  budget_line_id: '0190f7a0-0000-7000-8000-0000000003c1',
  company_id: '0190f7a0-0000-7000-8000-0000000001a1',
  company_name: 'PT Kayuagung Media Utama',
  outlet_id: '0190f7a0-0000-7000-8000-0000000001b1',
  outlet_name: 'Kayuagung Terkini',
  media_type: 'online',
  fiscal_year: 2026,
  product: 'advertorial',
  quantity: 2,
  unit_price: { amount: '1500000', currency: 'IDR' },
  amount: { amount: '3000000', currency: 'IDR' },
  subject: 'Advertorial HUT Kabupaten OKI ke-81',
  instructions: null,
  content_item_id: null,
  content_title: null,
  issued_on: '2026-03-02',
  due_from: '2026-03-05',
  due_until: '2026-03-20',
  state: 'published',
  last_reason: null,
  created_by: officer.id,
  created_at: '2026-03-02T02:00:00Z',
  updated_at: '2026-03-10T02:00:00Z',
  version: 4,
  verified_quantity: null,
  published_on: '2026-03-10',
  next_steps: ['verify_proof', 'reject_proof'],
  ...extra,
});

/** An online order whose two proofs wait, one of them rejected already. */
export const online = order({
  id: '0190f7a0-0000-7000-8000-0000000004a1',
  number: '0003/SP/DISKOMINFO/III/2026',
  content_item_id: '0190f7a0-0000-7000-8000-0000000004f1',
  content_title: 'Siaran pers HUT Kabupaten OKI ke-81',
});

/** A print order whose proofs are all verified: its proof can be decided. */
export const print = order({
  id: '0190f7a0-0000-7000-8000-0000000004a2',
  number: '0004/SP/DISKOMINFO/III/2026',
  media_type: 'print',
  outlet_id: '0190f7a0-0000-7000-8000-0000000001b2',
  outlet_name: 'Sriwijaya Pos OKI',
  company_id: '0190f7a0-0000-7000-8000-0000000001a2',
  company_name: 'PT Sriwijaya Media Grafika',
  product: 'iklan_display',
  quantity: 3,
  amount: { amount: '4500000', currency: 'IDR' },
  subject: 'Iklan layanan masyarakat Pilkada damai',
  version: 7,
});

/** A radio order whose only proof was rejected, and with it the order's proof. */
export const radio = order({
  id: '0190f7a0-0000-7000-8000-0000000004a3',
  number: '0005/SP/DISKOMINFO/III/2026',
  media_type: 'radio',
  outlet_id: '0190f7a0-0000-7000-8000-0000000001b3',
  outlet_name: 'Suara Komering FM',
  company_id: '0190f7a0-0000-7000-8000-0000000001a3',
  company_name: 'PT Radio Suara Komering',
  product: 'spot_60',
  quantity: 10,
  unit_price: { amount: '250000', currency: 'IDR' },
  amount: { amount: '2500000', currency: 'IDR' },
  subject: 'Spot radio imunisasi anak',
  state: 'proof_rejected',
  last_reason: 'Log siar tidak memuat jam tayang yang dipesan',
  next_steps: ['publish'],
  version: 6,
});

/** An order the company took on and has not proven yet. */
export const accepted = order({
  id: '0190f7a0-0000-7000-8000-0000000004a4',
  number: '0006/SP/DISKOMINFO/III/2026',
  state: 'accepted',
  published_on: null,
  quantity: 1,
  amount: { amount: '1500000', currency: 'IDR' },
  subject: 'Berita pelantikan kepala desa serentak',
  next_steps: ['publish', 'cancel'],
  version: 2,
});

/** What each kind of proof takes as files, and whether it needs one to be verified, as the server says. */
const EVIDENCE: Record<ProofKind, Pick<Proof, 'evidence_types' | 'evidence_required'>> = {
  url: { evidence_types: ['pdf', 'jpeg', 'png'], evidence_required: false },
  clipping: { evidence_types: ['pdf', 'jpeg', 'png'], evidence_required: true },
  broadcast_log: { evidence_types: ['mp3', 'mp4'], evidence_required: true },
  delivery_receipt: { evidence_types: ['pdf', 'jpeg', 'png'], evidence_required: false },
};

/** A file attached to a proof, as the server answers it. */
export const proofFile = (extra: Partial<ProofFile> & Pick<ProofFile, 'id' | 'proof_id' | 'file_name'>): ProofFile => ({
  file_type: 'pdf',
  file_size: 1_258_291,
  sha256: 'c'.repeat(64),
  uploaded_by: officer.id,
  created_at: '2026-03-12T03:00:00Z',
  ...extra,
});

const proof = (extra: Partial<Proof> & Pick<Proof, 'id' | 'order_id' | 'kind'>): Proof => ({
  ...EVIDENCE[extra.kind],
  files: [],
  quantity: 1,
  paid_content_labelled: true,
  url: null,
  captured_at: null,
  content_sha256: null,
  edition: null,
  published_on: null,
  page: null,
  aired_at: null,
  duration_seconds: null,
  received_by: null,
  note: null,
  status: 'pending',
  review_note: null,
  reviewed_by: null,
  reviewed_at: null,
  created_by: officer.id,
  created_at: '2026-03-10T03:00:00Z',
  version: 1,
  ...extra,
});

export const proofs: Record<string, Proof[]> = {
  [online.id]: [
    proof({
      id: '0190f7a0-0000-7000-8000-0000000005a1',
      order_id: online.id,
      kind: 'url',
      url: 'https://kayuagungterkini.id/2026/03/10/advertorial-hut-oki-81',
      captured_at: '2026-03-10T04:15:00Z',
      content_sha256: '9f2c4e1b7a0d3c5e8f6a2b4d1c3e5f7a9b0c2d4e6f8a1b3c5d7e9f0a2b4c6d8e',
      note: 'Tangkapan layar terlampir di berkas fisik',
      version: 2,
    }),
    proof({
      id: '0190f7a0-0000-7000-8000-0000000005a2',
      order_id: online.id,
      kind: 'url',
      paid_content_labelled: false,
      url: 'https://kayuagungterkini.id/2026/03/11/hut-oki',
      captured_at: '2026-03-11T01:00:00Z',
      content_sha256: 'a'.repeat(64),
      status: 'rejected',
      review_note: 'Konten tidak diberi label advertorial',
      reviewed_by: verifier.id,
      reviewed_at: '2026-03-12T02:30:00Z',
      version: 3,
    }),
  ],
  [print.id]: [
    proof({
      id: '0190f7a0-0000-7000-8000-0000000005b1',
      order_id: print.id,
      kind: 'clipping',
      quantity: 2,
      edition: 'No. 1234 Tahun XV',
      published_on: '2026-03-12',
      page: '5',
      // A clipping is verified only with its scan.
      files: [proofFile({ id: '0190f7a0-0000-7000-8000-0000000006b1', proof_id: '0190f7a0-0000-7000-8000-0000000005b1', file_name: 'kliping-sriwijaya-pos-12-03.pdf' })],
      status: 'verified',
      reviewed_by: verifier.id,
      reviewed_at: '2026-03-13T02:00:00Z',
      version: 2,
    }),
    proof({
      id: '0190f7a0-0000-7000-8000-0000000005b2',
      order_id: print.id,
      kind: 'delivery_receipt',
      paid_content_labelled: false,
      edition: 'No. 1234 Tahun XV',
      published_on: '2026-03-12',
      received_by: 'Siti Aminah (Bagian Umum)',
      status: 'verified',
      reviewed_by: verifier.id,
      reviewed_at: '2026-03-13T02:05:00Z',
      version: 2,
    }),
  ],
  [radio.id]: [
    proof({
      id: '0190f7a0-0000-7000-8000-0000000005c1',
      order_id: radio.id,
      kind: 'broadcast_log',
      quantity: 10,
      published_on: '2026-03-14',
      aired_at: '19:30:00',
      duration_seconds: 90,
      status: 'rejected',
      review_note: 'Jam siar tidak sesuai pesanan',
      reviewed_by: verifier.id,
      reviewed_at: '2026-03-15T02:00:00Z',
      version: 2,
    }),
  ],
  [accepted.id]: [],
};

export const ORDERS = [online, print, radio, accepted];

function page<T>(items: T[]) {
  return { items, next_cursor: null };
}

/**
 * A fake server that knows the orders above and their proofs, answering first through `handle`.
 * The list of orders is filtered by state as the server filters it.
 */
export function proofsServer({
  handle = () => undefined,
  who = verifier,
  orders = ORDERS,
  proofsOf = proofs,
}: {
  handle?: (request: Seen) => Response | undefined;
  who?: object;
  orders?: Order[];
  proofsOf?: Record<string, Proof[]>;
} = {}) {
  return fakeServer((request) => {
    const custom = handle(request);
    if (custom) return custom;
    const { path, method } = request;
    if (method !== 'GET') return undefined;
    if (path === '/api/v1/me') return json(200, who);
    if (path === '/api/v1/orders') {
      const state = new URLSearchParams(request.search).get('state');
      return json(200, page(orders.filter((candidate) => state === null || candidate.state === state)));
    }
    for (const candidate of orders) {
      if (path === `/api/v1/orders/${candidate.id}`) return json(200, candidate, { ETag: `"${candidate.version}"` });
      if (path === `/api/v1/orders/${candidate.id}/proofs`) return json(200, proofsOf[candidate.id] ?? []);
    }
    return undefined;
  });
}

/**
 * The area's pages at `path`, mounted as the app mounts an area (under its path, behind its read
 * permission, waiting for its translations), with a fresh query cache. `address()` is where the
 * pages are now.
 */
export function renderProofs(path: string) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  const router = createMemoryRouter(
    [
      {
        path: '/proofs/*',
        element: (
          <RequirePermission permission="proofs.read">
            <Suspense fallback={<PageLoader />}>
              <ProofsRoutes />
            </Suspense>
          </RequirePermission>
        ),
      },
    ],
    { initialEntries: [path] },
  );
  const result = render(
    <MantineProvider>
      <QueryClientProvider client={queryClient}>
        <Notifications />
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...result, address: () => `${router.state.location.pathname}${router.state.location.search}` };
}
