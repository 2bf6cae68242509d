import type { components } from '../../api/schema';
import { maxOf, sumOf } from './amounts';

// The budget's records as the generated contract names them.
type Schemas = components['schemas'];

export type BudgetLine = Schemas['BudgetLine'];
export type BudgetLineRevision = Schemas['BudgetLineRevision'];
export type CreateBudgetLineRequest = Schemas['CreateBudgetLineRequest'];
export type UpdateBudgetLineRequest = Schemas['UpdateBudgetLineRequest'];
export type ReviseCeilingRequest = Schemas['ReviseCeilingRequest'];

/** How a line is named in lists and charts: its unit and account code, as the DPA lists it. */
export function lineName(line: BudgetLine): string {
  return `${line.unit_code} · ${line.account_code}`;
}

/**
 * What a revised ceiling cannot go below: what agreements reserve on the line, or what orders and
 * payments use of it, whichever is more.
 */
export function ceilingFloor(line: BudgetLine): string {
  return maxOf(line.allocated.amount, sumOf([line.committed.amount, line.realised.amount]));
}
