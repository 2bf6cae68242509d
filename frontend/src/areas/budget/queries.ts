import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { pagedQueryOptions } from '../../api/paging';
import type { BudgetLine, BudgetLineRevision, CreateBudgetLineRequest, ReviseCeilingRequest, UpdateBudgetLineRequest } from './model';

/** The budget lines list's filters, as the API takes them. */
export interface BudgetLineFilters {
  fiscal_year: number;
  unit_id?: string;
}

export const budgetKeys = {
  all: ['budget'] as const,
  lists: () => [...budgetKeys.all, 'list'] as const,
  list: (filters: BudgetLineFilters) => [...budgetKeys.lists(), filters] as const,
  /** One line and what is read of it: one invalidation after a change refreshes both. */
  one: (id: string) => [...budgetKeys.all, 'one', id] as const,
  line: (id: string) => [...budgetKeys.one(id), 'record'] as const,
  revisions: (id: string) => [...budgetKeys.one(id), 'revisions'] as const,
};

/** A DPA has a few dozen lines per unit: a page holds a year's lines of most organisations. */
const PAGE_SIZE = 100;

export function budgetLinePagesQuery(filters: BudgetLineFilters) {
  return pagedQueryOptions(budgetKeys.list(filters), (cursor) =>
    unwrap(api.client.GET('/api/v1/budget-lines', { params: { query: { limit: PAGE_SIZE, cursor, ...filters } } })),
  );
}

export function budgetLineQuery(id: string) {
  return queryOptions({
    queryKey: budgetKeys.line(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/budget-lines/{id}', { params: { path: { id } } })),
  });
}

/** The ceiling's revisions, oldest first. */
export function revisionsQuery(id: string) {
  return queryOptions({
    queryKey: budgetKeys.revisions(id),
    queryFn: (): Promise<BudgetLineRevision[]> => unwrap(api.client.GET('/api/v1/budget-lines/{id}/revisions', { params: { path: { id } } })),
  });
}

export function createBudgetLine(body: CreateBudgetLineRequest): Promise<BudgetLine> {
  return unwrap(api.client.POST('/api/v1/budget-lines', { body }));
}

/** Corrects a line's account code or name as it was last read: the server refuses if it changed since. */
export function updateBudgetLine(line: BudgetLine, changes: UpdateBudgetLineRequest): Promise<BudgetLine> {
  return unwrap(
    api.client.PATCH('/api/v1/budget-lines/{id}', {
      params: { path: { id: line.id }, header: { 'If-Match': `"${line.version}"` } },
      body: changes,
    }),
  );
}

/** Revises the ceiling of the line as it was last read (*pagu perubahan*), with the reason. */
export function reviseCeiling(line: BudgetLine, body: ReviseCeilingRequest): Promise<BudgetLine> {
  return unwrap(
    api.client.POST('/api/v1/budget-lines/{id}/revisions', {
      params: { path: { id: line.id }, header: { 'If-Match': `"${line.version}"` } },
      body,
    }),
  );
}
