import type { components } from '../../api/schema';

// The records this area shows, as the generated contract names them.
type Schemas = components['schemas'];

export type RealisationReport = Schemas['RealisationReport'];
export type RealisationRow = Schemas['RealisationRowView'];
export type RealisationTotal = Schemas['RealisationTotal'];
export type RealisationDimension = Schemas['RealisationDimension'];

export type AgreementsReport = Schemas['AgreementsReport'];
export type AgreementCeilingRow = Schemas['AgreementCeilingView'];
export type CeilingTotal = Schemas['CeilingTotal'];
export type AgreementState = Schemas['AgreementState'];

export type OrdersByStateReport = Schemas['OrdersByStateReport'];
export type OrdersInStateRow = Schemas['OrdersInStateView'];
export type OrdersTotal = Schemas['OrdersTotal'];
export type OrderState = Schemas['OrderState'];
