import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { pagedQueryOptions, type Page } from '../../api/paging';
import type { Invoice, InvoiceRequest, InvoiceState, PaymentRequest, TaxSettings } from './model';

/** The invoices list's filters, as the API takes them. */
export interface InvoiceFilters {
  fiscal_year: number;
  state?: InvoiceState;
}

export const financeKeys = {
  all: ['finance'] as const,
  invoiceLists: () => [...financeKeys.all, 'invoices'] as const,
  invoiceList: (filters: InvoiceFilters) => [...financeKeys.invoiceLists(), filters] as const,
  invoice: (id: string) => [...financeKeys.all, 'invoice', id] as const,
  owed: (year: number) => [...financeKeys.all, 'owed', year] as const,
  /** A company's orders ready to be invoiced. */
  billable: (companyId: string) => [...financeKeys.all, 'billable', companyId] as const,
  /** What the registry and the policy say, read for the forms: not moved by this area's changes. */
  companies: () => ['finance-companies'] as const,
  accounts: (companyId: string) => ['finance-accounts', companyId] as const,
  tax: (invoiceId: string) => ['finance-tax', invoiceId] as const,
};

const PAGE_SIZE = 25;

/** Upper bound on the records fetched for a picker; OKI had 125 applicants in 2019. */
const MAX_PICKED = 1000;

/** Every page of a cursor-paged list, up to `MAX_PICKED` items, for a picker. */
async function everything<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined && items.length < MAX_PICKED);
  return items;
}

export function invoicePagesQuery(filters: InvoiceFilters) {
  return pagedQueryOptions(financeKeys.invoiceList(filters), (cursor) =>
    unwrap(api.client.GET('/api/v1/invoices', { params: { query: { limit: PAGE_SIZE, cursor, ...filters } } })),
  );
}

export function invoiceQuery(id: string) {
  return queryOptions({
    queryKey: financeKeys.invoice(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/invoices/{id}', { params: { path: { id } } })),
  });
}

/** Published work not yet paid in a fiscal year, with its age in days. */
export function owedQuery(year: number) {
  return queryOptions({
    queryKey: financeKeys.owed(year),
    queryFn: () => unwrap(api.client.GET('/api/v1/finance/owed', { params: { query: { fiscal_year: year } } })),
  });
}

/** Every press company, to pick the one whose invoice is recorded. */
export function companiesQuery() {
  return queryOptions({
    queryKey: financeKeys.companies(),
    staleTime: 60_000,
    queryFn: async () => {
      const companies = await everything((cursor) => unwrap(api.client.GET('/api/v1/press-companies', { params: { query: { limit: 100, cursor } } })));
      return companies.map(({ id, legal_name, vat_registered_since }) => ({ id, legal_name, vat_registered_since }));
    },
  });
}

/** A company's orders whose proof is verified: what an invoice of it may bill. */
export function billableOrdersQuery(companyId: string) {
  return queryOptions({
    queryKey: financeKeys.billable(companyId),
    queryFn: () =>
      everything((cursor) =>
        unwrap(api.client.GET('/api/v1/orders', { params: { query: { state: 'proof_verified', company_id: companyId, limit: 100, cursor } } })),
      ),
  });
}

export function bankAccountsQuery(companyId: string) {
  return queryOptions({
    queryKey: financeKeys.accounts(companyId),
    queryFn: () => unwrap(api.client.GET('/api/v1/press-companies/{id}/bank-accounts', { params: { path: { id: companyId } } })),
  });
}

/**
 * The tax settings a payment of the invoice is withheld by: the policy version of the agreement its
 * orders were bought under, as the server reads it when paying. Null when the invoice bills nothing.
 */
export function invoiceTaxQuery(invoice: Invoice) {
  return queryOptions({
    queryKey: financeKeys.tax(invoice.id),
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<TaxSettings | null> => {
      const [line] = invoice.lines;
      if (!line) return null;
      const order = await unwrap(api.client.GET('/api/v1/orders/{id}', { params: { path: { id: line.order_id } } }));
      const agreement = await unwrap(api.client.GET('/api/v1/agreements/{id}', { params: { path: { id: order.agreement_id } } }));
      const version = await unwrap(api.client.GET('/api/v1/policy-versions/{id}', { params: { path: { id: agreement.policy_version_id } } }));
      return version.policy.tax;
    },
  });
}

/** Records a company's invoice; `key` makes a retry of the same submission record it once. */
export function recordInvoice(body: InvoiceRequest, key: string): Promise<Invoice> {
  return unwrap(api.client.POST('/api/v1/invoices', { params: { header: { 'Idempotency-Key': key } }, body }));
}

/** Signs the acceptance record (BAST) of the invoice as it was last read. */
export function acceptInvoice(invoice: Invoice): Promise<Invoice> {
  return unwrap(
    api.client.POST('/api/v1/invoices/{id}/accept', {
      params: { path: { id: invoice.id }, header: { 'If-Match': `"${invoice.version}"` } },
      body: {},
    }),
  );
}

/** Pays an accepted invoice; `key` makes a retry of the same submission pay it once. */
export function payInvoice(invoice: Invoice, body: PaymentRequest, key: string): Promise<Invoice> {
  return unwrap(
    api.client.POST('/api/v1/invoices/{id}/payments', {
      params: { path: { id: invoice.id }, header: { 'Idempotency-Key': key } },
      body,
    }),
  );
}
