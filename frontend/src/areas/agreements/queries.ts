import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { pagedQueryOptions } from '../../api/paging';
import type { Application } from '../../api/types';
import type {
  Agreement,
  AgreementAmendment,
  AgreementState,
  AgreementStep,
  AgreementStepBody,
  AgreementTermsRequest,
  AmendAgreementRequest,
  BudgetLine,
  CreateAgreementRequest,
} from './model';

/** The agreements list's filters, as the API takes them. */
export interface AgreementFilters {
  fiscal_year: number;
  state?: AgreementState;
}

export const agreementKeys = {
  all: ['agreements'] as const,
  lists: () => [...agreementKeys.all, 'list'] as const,
  list: (filters: AgreementFilters) => [...agreementKeys.lists(), filters] as const,
  /** The agreements drafted from one application. */
  ofApplication: (applicationId: string) => [...agreementKeys.lists(), 'application', applicationId] as const,
  /** One agreement and what is read of it: one invalidation after a change refreshes it all. */
  one: (id: string) => [...agreementKeys.all, 'one', id] as const,
  agreement: (id: string) => [...agreementKeys.one(id), 'record'] as const,
  amendments: (id: string) => [...agreementKeys.one(id), 'amendments'] as const,
  /** What an agreement is drafted from and charged to, read from the areas that keep them. */
  approved: (year: number) => ['agreement-applications', 'approved', year] as const,
  budgetLines: (year: number) => ['agreement-budget-lines', year] as const,
  /** A policy version never changes once an application was judged by it. */
  policy: (versionId: string) => ['agreement-policy', versionId] as const,
};

const PAGE_SIZE = 50;

/** Upper bound on the records fetched for a picker; OKI had 125 applicants in 2019. */
const MAX_PICKED = 1000;

/** Every page of a cursor-paged list, up to `MAX_PICKED` items, for a picker. */
async function everything<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined && items.length < MAX_PICKED);
  return items;
}

export function agreementPagesQuery(filters: AgreementFilters) {
  return pagedQueryOptions(agreementKeys.list(filters), (cursor) =>
    unwrap(api.client.GET('/api/v1/agreements', { params: { query: { limit: PAGE_SIZE, cursor, ...filters } } })),
  );
}

export function agreementQuery(id: string) {
  return queryOptions({
    queryKey: agreementKeys.agreement(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/agreements/{id}', { params: { path: { id } } })),
  });
}

/** The agreement as a letter (PDF), to save: the operation needs the access token, which a plain link cannot send. */
export function agreementLetter(id: string): Promise<Blob> {
  return unwrap<Blob>(api.client.GET('/api/v1/agreements/{id}/letter.pdf', { params: { path: { id } }, parseAs: 'blob' }));
}

/** The file name a letter is saved under: its official number, with what a file name cannot hold replaced. */
export function letterFileName(prefix: string, number: string): string {
  const safe = number.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${prefix}-${safe}.pdf`;
}

/** The amendments of an agreement, oldest first. */
export function amendmentsQuery(id: string) {
  return queryOptions({
    queryKey: agreementKeys.amendments(id),
    queryFn: (): Promise<AgreementAmendment[]> => unwrap(api.client.GET('/api/v1/agreements/{id}/amendments', { params: { path: { id } } })),
  });
}

/** The agreements already drafted from an application, to point at them before drafting another. */
export function applicationAgreementsQuery(applicationId: string) {
  return queryOptions({
    queryKey: agreementKeys.ofApplication(applicationId),
    queryFn: async () => {
      const page = await unwrap(api.client.GET('/api/v1/agreements', { params: { query: { application_id: applicationId, limit: 20 } } }));
      return page.items;
    },
  });
}

/** The year's approved applications: an agreement is drafted with the company of one of them. */
export function approvedApplicationsQuery(year: number) {
  return queryOptions({
    queryKey: agreementKeys.approved(year),
    staleTime: 30_000,
    queryFn: (): Promise<Application[]> =>
      everything((cursor) =>
        unwrap(api.client.GET('/api/v1/applications', { params: { query: { fiscal_year: year, state: 'approved', limit: 100, cursor } } })),
      ),
  });
}

/** The year's budget lines with what is left of each, to charge an agreement to one. */
export function budgetLinesQuery(year: number) {
  return queryOptions({
    queryKey: agreementKeys.budgetLines(year),
    queryFn: (): Promise<BudgetLine[]> =>
      everything((cursor) => unwrap(api.client.GET('/api/v1/budget-lines', { params: { query: { fiscal_year: year, limit: 100, cursor } } }))),
  });
}

/** The policy version an application was approved under: its products, tiers and rate card. */
export function policyVersionQuery(versionId: string) {
  return queryOptions({
    queryKey: agreementKeys.policy(versionId),
    staleTime: 5 * 60_000,
    queryFn: () => unwrap(api.client.GET('/api/v1/policy-versions/{id}', { params: { path: { id: versionId } } })),
  });
}

export function createAgreement(body: CreateAgreementRequest): Promise<Agreement> {
  return unwrap(api.client.POST('/api/v1/agreements', { body }));
}

/** Replaces the terms of a draft as it was last read: the server refuses if it changed since. */
export function updateDraft(agreement: Agreement, terms: AgreementTermsRequest): Promise<Agreement> {
  return unwrap(
    api.client.PUT('/api/v1/agreements/{id}', {
      params: { path: { id: agreement.id }, header: { 'If-Match': `"${agreement.version}"` } },
      body: terms,
    }),
  );
}

/** Amends an active agreement as it was last read, with the reason (the addendum's grounds). */
export function amendAgreement(agreement: Agreement, body: AmendAgreementRequest): Promise<Agreement> {
  return unwrap(
    api.client.POST('/api/v1/agreements/{id}/amendments', {
      params: { path: { id: agreement.id }, header: { 'If-Match': `"${agreement.version}"` } },
      body,
    }),
  );
}

/** The address of each step of an agreement's life. */
export const STEP_PATHS = {
  activate: '/api/v1/agreements/{id}/activate',
  complete: '/api/v1/agreements/{id}/complete',
  terminate: '/api/v1/agreements/{id}/terminate',
  expire: '/api/v1/agreements/{id}/expire',
} as const satisfies Record<AgreementStep, string>;

/** Takes a step from the agreement as it was last read: the server refuses if it changed since. */
export function takeStep(agreement: Agreement, step: AgreementStep, body: AgreementStepBody): Promise<Agreement> {
  return unwrap(
    api.client.POST(STEP_PATHS[step], {
      params: { path: { id: agreement.id }, header: { 'If-Match': `"${agreement.version}"` } },
      body,
    }),
  );
}
