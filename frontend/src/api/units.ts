import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './errors';
import type { Unit } from './types';

// Units are reference data: the units area edits them, and other areas pick from them (a user's
// unit). Their query keys live here, where every area can reach them, so that a unit saved in one
// place refreshes every list and picker that shows units.
export const unitKeys = {
  all: ['units'] as const,
  pages: () => [...unitKeys.all, 'pages'] as const,
  everything: () => [...unitKeys.all, 'everything'] as const,
};

/** Upper bound on units fetched for a picker; an organisation has a few dozen OPD at most. */
const MAX_UNITS = 1000;

/** Every unit of the organisation, for pickers and for naming a unit by its id. */
export function allUnitsQuery() {
  return queryOptions({
    queryKey: unitKeys.everything(),
    staleTime: 60_000,
    queryFn: async () => {
      const units: Unit[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(api.client.GET('/api/v1/units', { params: { query: { limit: 100, cursor } } }));
        units.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor !== undefined && units.length < MAX_UNITS);
      return units;
    },
  });
}

/** How a unit is named wherever it is picked or shown: "DISKOMINFO — Dinas Komunikasi dan Informatika". */
export function unitLabel(unit: Unit): string {
  return `${unit.code} — ${unit.name}`;
}
