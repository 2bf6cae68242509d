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
import type { BankAccount, Invoice, Order, OwedItem } from './model';
import FinanceRoutes from './routes';

// Invoices, payments and what is owed in the shape of the demo's, for the area's tests.

/** An amount as Indonesian documents write it, e.g. rp('1.500.000'). */
export const rp = (grouped: string) => `Rp\u00a0${grouped}`;

const READS = ['organisation.read', 'units.read', 'policy.read', 'registry.read', 'budget.read', 'agreements.read', 'orders.read', 'proofs.read', 'finance.read'];

export const treasurer = {
  ...me,
  id: '0190f7a0-0000-7000-8000-000000000004',
  username: 'oki.treasurer',
  full_name: 'Bendahara Pengeluaran',
  role: 'treasurer',
  permissions: [...READS, 'invoices.manage', 'payments.manage', 'bank_accounts.verify', 'budget.manage'],
};

/** Who orders accepts the work (BAST) and pays nothing. */
export const officer = {
  ...treasurer,
  id: '0190f7a0-0000-7000-8000-000000000003',
  username: 'oki.officer',
  full_name: 'Petugas Kemitraan Media',
  role: 'officer',
  permissions: [...READS, 'orders.manage', 'proofs.manage', 'proofs.review', 'invoices.accept'],
};

export const auditor = {
  ...treasurer,
  id: '0190f7a0-0000-7000-8000-000000000005',
  username: 'oki.auditor',
  full_name: 'Auditor Inspektorat',
  role: 'auditor',
  permissions: [...READS, 'users.read', 'audit.read'],
};

const idr = (amount: string) => ({ amount, currency: 'IDR' as const });

export const company = {
  id: '0190f7a0-0000-7000-8000-0000000001a1',
  legal_name: 'PT Kayuagung Media Utama',
  vat_registered_since: '2024-01-01',
};

export const otherCompany = {
  id: '0190f7a0-0000-7000-8000-0000000001a3',
  legal_name: 'PT Radio Suara Komering',
  vat_registered_since: null,
};

const AGREEMENT_ID = '0190f7a0-0000-7000-8000-0000000003a1';
const POLICY_VERSION_ID = '0190f7a0-0000-7000-8000-0000000002f1';

/**
 * Two orders: 2 units at Rp 1.500.000 with VAT on top (11 % effective), and 1 unit at
 * Rp 2.000.000 with VAT inside the price.
 */
const FIRST_ORDER_ID = '0190f7a0-0000-7000-8000-0000000004a1';

const lines: Invoice['lines'] = [
  {
    order_id: FIRST_ORDER_ID,
    order_number: '0003/SP/DISKOMINFO/III/2026',
    quantity: 2,
    unit_price: idr('1500000'),
    amount: idr('3000000'),
    tax_inclusive: false,
    base: idr('3000000'),
    vat: idr('330000'),
    gross: idr('3330000'),
  },
  {
    order_id: '0190f7a0-0000-7000-8000-0000000004a2',
    order_number: '0007/SP/DISKOMINFO/III/2026',
    quantity: 1,
    unit_price: idr('2000000'),
    amount: idr('2000000'),
    tax_inclusive: true,
    base: idr('1801802'),
    vat: idr('198198'),
    gross: idr('2000000'),
  },
];

const invoice = (extra: Partial<Invoice> & Pick<Invoice, 'id' | 'number'>): Invoice => ({
  company_id: company.id,
  company_name: company.legal_name,
  invoice_date: '2026-04-01',
  fiscal_year: 2026,
  vat_registered: true,
  amount: idr('5000000'),
  base: idr('4801802'),
  vat: idr('528198'),
  gross: idr('5330000'),
  stamp_duty: true,
  state: 'received',
  acceptance_number: null,
  accepted_on: null,
  accepted_by: null,
  created_by: treasurer.id,
  created_at: '2026-04-01T03:00:00Z',
  updated_at: '2026-04-01T03:00:00Z',
  version: 1,
  lines,
  payment: null,
  ...extra,
});

export const received = invoice({ id: '0190f7a0-0000-7000-8000-0000000006a1', number: 'INV/KMU/2026/031' });

export const accepted = invoice({
  id: '0190f7a0-0000-7000-8000-0000000006a2',
  number: 'INV/KMU/2026/027',
  state: 'accepted',
  acceptance_number: '0004/BAST/DISKOMINFO/IV/2026',
  accepted_on: '2026-04-03',
  accepted_by: officer.id,
  version: 2,
});

export const verifiedAccount: BankAccount = {
  id: '0190f7a0-0000-7000-8000-0000000007a1',
  company_id: company.id,
  bank_name: 'BRI',
  account_number: '012301000456307',
  holder_name: 'PT Kayuagung Media Utama',
  verified_at: '2026-01-10T02:00:00Z',
  verified_by: treasurer.id,
  created_at: '2026-01-09T02:00:00Z',
  version: 2,
};

export const unverifiedAccount: BankAccount = {
  id: '0190f7a0-0000-7000-8000-0000000007a2',
  company_id: company.id,
  bank_name: 'Bank Sumsel Babel',
  account_number: '1509876543',
  holder_name: 'Budi Santoso',
  verified_at: null,
  verified_by: null,
  created_at: '2026-03-01T02:00:00Z',
  version: 1,
};

/** The accepted invoice once paid, as the server answers the payment: its own figures, at the rate it applied. */
export const paid = invoice({
  ...accepted,
  state: 'paid',
  version: 3,
  payment: {
    id: '0190f7a0-0000-7000-8000-0000000008a1',
    sp2d_number: '00123/SP2D/LS/1.03/2026',
    sp2d_date: '2026-04-10',
    gross: idr('5330000'),
    pph23_bp: 200,
    pph23: idr('96036'),
    net: idr('5233964'),
    stamp_duty: true,
    withholding_slip_number: 'BP-23/2026/0042',
    bank_account_id: verifiedAccount.id,
    bank_name: verifiedAccount.bank_name,
    account_number: verifiedAccount.account_number,
    holder_name: verifiedAccount.holder_name,
    created_by: treasurer.id,
    created_at: '2026-04-10T04:00:00Z',
  },
});

const billable = (extra: Partial<Order> & Pick<Order, 'id' | 'number' | 'subject'>): Order => ({
  agreement_id: AGREEMENT_ID,
  agreement_number: '027/PKS/DISKOMINFO/II/2026',
  agreement_line_id: '0190f7a0-0000-7000-8000-0000000003b1',
  budget_line_id: '0190f7a0-0000-7000-8000-0000000003c1',
  company_id: company.id,
  company_name: company.legal_name,
  outlet_id: '0190f7a0-0000-7000-8000-0000000001b1',
  outlet_name: 'Kayuagung Terkini',
  media_type: 'online',
  fiscal_year: 2026,
  product: 'advertorial',
  quantity: 3,
  unit_price: idr('1500000'),
  amount: idr('4500000'),
  instructions: null,
  content_item_id: null,
  content_title: null,
  issued_on: '2026-03-02',
  due_from: '2026-03-05',
  due_until: '2026-03-20',
  state: 'proof_verified',
  last_reason: null,
  created_by: officer.id,
  created_at: '2026-03-02T02:00:00Z',
  updated_at: '2026-03-14T02:00:00Z',
  version: 8,
  verified_quantity: 2,
  published_on: '2026-03-10',
  next_steps: ['invoice'],
  ...extra,
});

export const billableOrders = [
  billable({ id: '0190f7a0-0000-7000-8000-0000000004b1', number: '0011/SP/DISKOMINFO/IV/2026', subject: 'Advertorial Festival Bedug' }),
  billable({ id: '0190f7a0-0000-7000-8000-0000000004b2', number: '0012/SP/DISKOMINFO/IV/2026', subject: 'Berita vaksinasi ternak', quantity: 1, verified_quantity: 1, amount: idr('1500000') }),
];

const owed = (order_number: string, age_days: number, amount: string, extra: Partial<OwedItem> = {}): OwedItem => ({
  order_id: `0190f7a0-0000-7000-8000-0000000009${String(age_days).padStart(2, '0')}`,
  order_number,
  company_id: company.id,
  company_name: company.legal_name,
  state: 'published',
  amount: idr(amount),
  since: '2026-01-01',
  age_days,
  invoice_id: null,
  invoice_number: null,
  ...extra,
});

/** What is owed, in no particular order: the page sorts it by age. */
export const owedItems: OwedItem[] = [
  owed('0020/SP/DISKOMINFO/IV/2026', 12, '1500000', { since: '2026-04-18' }),
  owed('0003/SP/DISKOMINFO/I/2026', 95, '5330000', {
    state: 'invoiced',
    since: '2026-01-25',
    invoice_id: received.id,
    invoice_number: received.number,
  }),
  owed('0011/SP/DISKOMINFO/III/2026', 45, '3000000', { state: 'proof_verified', since: '2026-03-16' }),
  owed('0008/SP/DISKOMINFO/II/2026', 61, '2500000', { state: 'proof_rejected', company_name: otherCompany.legal_name, since: '2026-02-28' }),
  owed('0015/SP/DISKOMINFO/IV/2026', 30, '750000', { since: '2026-03-31' }),
];

function page<T>(items: T[]) {
  return { items, next_cursor: null };
}

/** A fake server that knows the invoices, accounts and what is owed above, answering first through `handle`. */
export function financeServer({
  handle = () => undefined,
  who = treasurer,
  invoices = [received, accepted],
  accounts = [verifiedAccount, unverifiedAccount],
  owedNow = owedItems,
}: {
  handle?: (request: Seen) => Response | undefined;
  who?: object;
  invoices?: Invoice[];
  accounts?: BankAccount[];
  owedNow?: OwedItem[];
} = {}) {
  return fakeServer((request) => {
    const custom = handle(request);
    if (custom) return custom;
    const { path, method } = request;
    if (method !== 'GET') return undefined;
    if (path === '/api/v1/me') return json(200, who);
    if (path === '/api/v1/invoices') return json(200, page(invoices));
    for (const candidate of invoices) {
      if (path === `/api/v1/invoices/${candidate.id}`) return json(200, candidate, { ETag: `"${candidate.version}"` });
    }
    if (path === '/api/v1/finance/owed') return json(200, owedNow);
    if (path === '/api/v1/press-companies') return json(200, page([{ ...company }, { ...otherCompany }]));
    if (path === `/api/v1/press-companies/${company.id}/bank-accounts`) return json(200, accounts);
    if (path === '/api/v1/orders') {
      const query = new URLSearchParams(request.search);
      return json(200, page(query.get('company_id') === company.id && query.get('state') === 'proof_verified' ? billableOrders : []));
    }
    // How a payment's withholding rate is found: the first order's agreement's policy version.
    if (path === `/api/v1/orders/${FIRST_ORDER_ID}`) return json(200, { ...billableOrders[0], id: FIRST_ORDER_ID, agreement_id: AGREEMENT_ID });
    if (path === `/api/v1/agreements/${AGREEMENT_ID}`) return json(200, { id: AGREEMENT_ID, policy_version_id: POLICY_VERSION_ID });
    if (path === `/api/v1/policy-versions/${POLICY_VERSION_ID}`) {
      return json(200, {
        id: POLICY_VERSION_ID,
        fiscal_year: 2026,
        policy: {
          tax: {
            pph23_bp: 200,
            pph23_without_npwp_bp: 400,
            vat_bp: 1200,
            vat_base_numerator: 11,
            vat_base_denominator: 12,
            stamp_duty_threshold: idr('5000000'),
            stamp_duty: idr('10000'),
          },
        },
      });
    }
    return undefined;
  });
}

/**
 * The area's pages at `path`, mounted as the app mounts an area (under its path, behind its read
 * permission, waiting for its translations), with a fresh query cache. `address()` is where the
 * pages are now.
 */
export function renderFinance(path: string) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  const router = createMemoryRouter(
    [
      {
        path: '/finance/*',
        element: (
          <RequirePermission permission="finance.read">
            <Suspense fallback={<PageLoader />}>
              <FinanceRoutes />
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
