import type { components } from '../../api/schema';

// The records this area shows, as the generated contract names them. Nothing personal is in them:
// organisations, companies, outlets, agreements and money only.
type Schemas = components['schemas'];

export type PublicOrganisation = Schemas['PublicOrganisationView'];
export type PublicOrganisationYears = Schemas['PublicOrganisationYears'];
export type PublicYear = Schemas['PublicYear'];
export type PublicTotals = Schemas['PublicTotals'];
export type PublicOutlet = Schemas['PublicOutletTotal'];
export type PublicAgreement = Schemas['PublicAgreementView'];
export type AgreementState = Schemas['AgreementState'];
