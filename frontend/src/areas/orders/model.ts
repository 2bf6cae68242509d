import type { components } from '../../api/schema';

// The orders' records as the generated contract names them.
type Schemas = components['schemas'];

export type Order = Schemas['Order'];
export type OrderState = Schemas['OrderState'];
export type OrderStep = Schemas['OrderStep'];
export type OrderStepBody = Schemas['OrderStepBody'];
export type IssueOrderRequest = Schemas['IssueOrderRequest'];
export type Agreement = Schemas['Agreement'];
export type AgreementLine = Schemas['AgreementLine'];

/** How an agreement is named where one is picked: its number, then its outlet. */
export function agreementName(agreement: Pick<Agreement, 'number' | 'outlet_name'>): string {
  return `${agreement.number} — ${agreement.outlet_name}`;
}
