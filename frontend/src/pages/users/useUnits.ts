import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Unit } from '../../api/types';

/** Upper bound on units fetched for a select; an organisation has a few dozen OPD at most. */
const MAX_UNITS = 1000;

export function useUnits() {
  return useQuery({
    queryKey: ['units', 'all'],
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

export function unitLabel(unit: Unit): string {
  return `${unit.code} — ${unit.name}`;
}
