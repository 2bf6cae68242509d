/** The business areas, in the order money flows (DESIGN.md "Areas"); not built yet. */
export const AREAS = ['policy', 'registry', 'applications', 'budget', 'agreements', 'orders', 'finance', 'reports'] as const;
export type Area = (typeof AREAS)[number];
