import type { components } from '../../api/schema';

// The records this area shows, as the generated contract names them.
type Schemas = components['schemas'];

export type RealisationReport = Schemas['RealisationReport'];
/** The signed audit checkpoint every report carries. */
export type ReportCheckpoint = NonNullable<RealisationReport['checkpoint']>;
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

export type OwedReport = Schemas['OwedReport'];
export type OwedCompanyRow = Schemas['OwedCompanyView'];
export type OwedTotal = Schemas['OwedTotal'];

export type FairnessReport = Schemas['FairnessReport'];
export type FairnessRow = Schemas['ShareView'];
export type FairnessTotal = Schemas['FairnessTotal'];
export type FairnessDimension = Schemas['FairnessDimension'];

export type DisclosureReport = Schemas['DisclosureReport'];
export type DisclosureRow = Schemas['DisclosureView'];
export type DisclosureTotal = Schemas['DisclosureTotal'];

export type ExceptionsReport = Schemas['ExceptionsReport'];
export type ExceptionRow = Schemas['ExceptionView'];
export type ExceptionClass = Schemas['ExceptionClass'];
