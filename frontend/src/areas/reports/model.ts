import type { components } from '../../api/schema';

// The records this area shows, as the generated contract names them.
type Schemas = components['schemas'];

export type RealisationReport = Schemas['RealisationReport'];
export type RealisationRow = Schemas['RealisationRowView'];
export type RealisationTotal = Schemas['RealisationTotal'];
export type RealisationDimension = Schemas['RealisationDimension'];
