import { limits } from './api/limits';
import { jakartaYear } from './format';

/** The fiscal years the server keeps budgets, and so agreements, orders and invoices, for. */
const YEARS = limits.CreateBudgetLineRequest.fiscal_year;

export function isFiscalYear(year: number): boolean {
  return Number.isInteger(year) && year >= YEARS.minimum && year <= YEARS.maximum;
}

/** A year the address names, or the one in progress in Jakarta when it names none (or a mangled one). */
export function yearOf(text: string | null | undefined): number {
  const asked = Number(text ?? undefined);
  return isFiscalYear(asked) ? asked : jakartaYear();
}
