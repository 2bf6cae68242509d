import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { pagedQueryOptions } from '../../api/paging';
import type { Agreement, IssueOrderRequest, Order, OrderStep } from './model';

/** The orders' filters, as the API takes them. */
export interface OrderFilters {
  fiscal_year: number;
  agreement_id?: string;
}

export const orderKeys = {
  all: ['orders'] as const,
  lists: () => [...orderKeys.all, 'list'] as const,
  list: (filters: OrderFilters) => [...orderKeys.lists(), filters] as const,
  one: (id: string) => [...orderKeys.all, 'one', id] as const,
  /** The agreements orders are issued under, read from the area that keeps them. */
  agreements: () => ['order-agreements'] as const,
  agreementsOf: (year: number) => [...orderKeys.agreements(), 'year', year] as const,
  active: () => [...orderKeys.agreements(), 'active'] as const,
  agreement: (id: string) => [...orderKeys.agreements(), 'one', id] as const,
  /** The policy that names the products, which never changes once used. */
  policy: (versionId: string) => ['order-policy', versionId] as const,
  currentPolicy: (year: number) => ['order-policy', 'current', year] as const,
  /** The content bank's items an order may name, found by part of their title. */
  contentSearch: (q: string) => ['order-content', q] as const,
};

/** A board shows a year's orders at once: a page holds most months' orders of an organisation. */
const PAGE_SIZE = 100;

/** Upper bound on the agreements fetched for a picker; OKI had 125 applicants in 2019. */
const MAX_AGREEMENTS = 1000;

export function orderPagesQuery(filters: OrderFilters) {
  return pagedQueryOptions(orderKeys.list(filters), (cursor) =>
    unwrap(api.client.GET('/api/v1/orders', { params: { query: { limit: PAGE_SIZE, cursor, ...filters } } })),
  );
}

/** The order letter (PDF), to save: the operation needs the access token, which a plain link cannot send. */
export function orderLetter(id: string): Promise<Blob> {
  return unwrap<Blob>(api.client.GET('/api/v1/orders/{id}/letter.pdf', { params: { path: { id } }, parseAs: 'blob' }));
}

/** The file name a letter is saved under: its official number, with what a file name cannot hold replaced. */
export function letterFileName(prefix: string, number: string): string {
  const safe = number.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${prefix}-${safe}.pdf`;
}

export function orderQuery(id: string) {
  return queryOptions({
    queryKey: orderKeys.one(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/orders/{id}', { params: { path: { id } } })),
  });
}

async function agreementsWhere(query: { fiscal_year?: number; state?: 'active' }): Promise<Agreement[]> {
  const agreements: Agreement[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(api.client.GET('/api/v1/agreements', { params: { query: { ...query, limit: 100, cursor } } }));
    agreements.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined && agreements.length < MAX_AGREEMENTS);
  return agreements;
}

/** The year's agreements, to filter the orders by one. */
export function yearAgreementsQuery(year: number) {
  return queryOptions({
    queryKey: orderKeys.agreementsOf(year),
    staleTime: 30_000,
    queryFn: () => agreementsWhere({ fiscal_year: year }),
  });
}

/** The active agreements, under whose lines orders are issued, with what is left of each. */
export function activeAgreementsQuery() {
  return queryOptions({
    queryKey: orderKeys.active(),
    queryFn: () => agreementsWhere({ state: 'active' }),
  });
}

export function agreementQuery(id: string) {
  return queryOptions({
    queryKey: orderKeys.agreement(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/agreements/{id}', { params: { path: { id } } })),
  });
}

export function policyVersionQuery(versionId: string) {
  return queryOptions({
    queryKey: orderKeys.policy(versionId),
    staleTime: 5 * 60_000,
    queryFn: () => unwrap(api.client.GET('/api/v1/policy-versions/{id}', { params: { path: { id: versionId } } })),
  });
}

/** The policy in force in a fiscal year, which names its products; null while it has none. */
export function currentPolicyQuery(year: number) {
  return queryOptions({
    queryKey: orderKeys.currentPolicy(year),
    staleTime: 5 * 60_000,
    queryFn: async () => {
      try {
        return await unwrap(api.client.GET('/api/v1/policy-versions/current', { params: { query: { fiscal_year: year } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** How many of the content bank's items a search offers to pick from. */
const CONTENT_CHOICES = 20;

/** The content bank's items whose title holds `q` (the latest ones when it is empty), to name one in an order. */
export function contentSearchQuery(q: string) {
  return queryOptions({
    queryKey: orderKeys.contentSearch(q),
    staleTime: 30_000,
    queryFn: async () => {
      const page = await unwrap(api.client.GET('/api/v1/content-items', { params: { query: { q: q === '' ? undefined : q, limit: CONTENT_CHOICES } } }));
      return page.items;
    },
  });
}

/**
 * Issues an order. `key` names the one intended order: a retry with the same key is answered with
 * the first response, and never issues a second order.
 */
export function issueOrder(body: IssueOrderRequest, key: string): Promise<Order> {
  return unwrap(api.client.POST('/api/v1/orders', { params: { header: { 'Idempotency-Key': key } }, body }));
}

/** The address of each step this area takes; publication, proofs and payment are recorded elsewhere. */
export const STEP_PATHS = {
  accept: '/api/v1/orders/{id}/accept',
  decline: '/api/v1/orders/{id}/decline',
  cancel: '/api/v1/orders/{id}/cancel',
} as const satisfies Partial<Record<OrderStep, string>>;

export type TakenStep = keyof typeof STEP_PATHS;

/** Takes a step from the order as it was last read: the server refuses if it changed since. */
export function takeStep(order: Order, step: TakenStep, reason: string | null): Promise<Order> {
  return unwrap(
    api.client.POST(STEP_PATHS[step], {
      params: { path: { id: order.id }, header: { 'If-Match': `"${order.version}"` } },
      body: { reason },
    }),
  );
}
