import type { components } from '../../api/schema';

// The records this area shows, as the generated contract names them.
type Schemas = components['schemas'];

export type Invoice = Schemas['Invoice'];
export type InvoiceLine = Schemas['InvoiceLine'];
export type InvoiceState = Schemas['InvoiceState'];
export type InvoiceRequest = Schemas['InvoiceRequest'];
export type Payment = Schemas['Payment'];
export type PaymentRequest = Schemas['PaymentRequest'];
export type OwedItem = Schemas['OwedItem'];
export type Order = Schemas['Order'];
export type OrderState = Schemas['OrderState'];
export type BankAccount = Schemas['BankAccount'];
export type PressCompany = Schemas['PressCompany'];
export type TaxSettings = Schemas['TaxSettings'];

/** Whether an account may be paid into: checked to be in the company's own legal name. */
export function isVerified(account: BankAccount): boolean {
  return account.verified_at !== null;
}

/** How an account is named where it is picked or shown: bank, number, holder. */
export function accountName(account: Pick<BankAccount, 'bank_name' | 'account_number' | 'holder_name'>): string {
  return `${account.bank_name} ${account.account_number} a.n. ${account.holder_name}`;
}

/** How old unpaid work is, by the thresholds a treasurer is asked about at a year's end. */
export type AgeBand = 'current' | 'over30' | 'over60' | 'over90';

export const AGE_BANDS: readonly AgeBand[] = ['current', 'over30', 'over60', 'over90'];

export function ageBand(days: number): AgeBand {
  if (days > 90) return 'over90';
  if (days > 60) return 'over60';
  if (days > 30) return 'over30';
  return 'current';
}

/** What is owed, oldest debt first; among equals, by order number so the list keeps its order. */
export function byAge(items: readonly OwedItem[]): OwedItem[] {
  return [...items].sort((a, b) => b.age_days - a.age_days || a.order_number.localeCompare(b.order_number));
}
