import type { components } from '../../api/schema';

// The agreements' records as the generated contract names them.
type Schemas = components['schemas'];

export type Agreement = Schemas['Agreement'];
export type AgreementLine = Schemas['AgreementLine'];
export type AgreementState = Schemas['AgreementState'];
export type AgreementKind = Schemas['AgreementKind'];
export type AgreementStep = Schemas['AgreementStep'];
export type AgreementStepBody = Schemas['AgreementStepBody'];
export type AgreementAmendment = Schemas['AgreementAmendment'];
export type AgreementTermsRequest = Schemas['AgreementTermsRequest'];
export type AgreementLineRequest = Schemas['AgreementLineRequest'];
export type CreateAgreementRequest = Schemas['CreateAgreementRequest'];
export type AmendAgreementRequest = Schemas['AmendAgreementRequest'];
export type TerminationGround = Schemas['TerminationGround'];
export type BudgetLine = Schemas['BudgetLine'];

/** How a budget line is named where one is picked or shown: its unit and account code, then its name. */
export function budgetLineName(line: BudgetLine): string {
  return `${line.unit_code} · ${line.account_code} — ${line.name}`;
}
