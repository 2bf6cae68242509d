import { useSearchParams } from 'react-router';
import { limits } from '../../api/limits';
import { companyStatusValues, mediaTypeValues, pressCouncilStatusValues } from '../../api/schema';
import { jakartaYear } from '../../format';
import type { UrlFilters } from '../../hooks/usePagedList';
import type { CompanyFilters, OutletFilters } from './queries';

function known<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((candidate) => candidate === value);
}

/** The search parameters that filter the companies list. */
export const COMPANY_FILTERS = ['q', 'status', 'media_type', 'press_council_status'] as const;

/** The filters of an address, keeping only values the API accepts (an address may be hand-edited). */
export function parseCompanyFilters(filters: UrlFilters<(typeof COMPANY_FILTERS)[number]>): CompanyFilters {
  return {
    q: filters.q,
    status: known(companyStatusValues, filters.status),
    media_type: known(mediaTypeValues, filters.media_type),
    press_council_status: known(pressCouncilStatusValues, filters.press_council_status),
  };
}

/** The search parameters that filter the outlets list. */
export const OUTLET_FILTERS = ['q', 'media_type', 'company'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseOutletFilters(filters: UrlFilters<(typeof OUTLET_FILTERS)[number]>): OutletFilters {
  return {
    q: filters.q,
    media_type: known(mediaTypeValues, filters.media_type),
    company_id: filters.company !== undefined && UUID.test(filters.company) ? filters.company : undefined,
  };
}

/** The fiscal years the server keeps newsrooms and judges eligibility for. */
const YEARS = limits.NewPersonRequest.fiscal_year;

export function isFiscalYear(year: number): boolean {
  return Number.isInteger(year) && year >= YEARS.minimum && year <= YEARS.maximum;
}

/**
 * A page's tab and fiscal year as its address names them (`?tab=newsroom&year=2027`), so that a
 * reload or a shared link opens the same view. A missing or mangled year is the one in progress
 * in Jakarta; a missing or unknown tab is the first.
 */
export function usePageAddress<T extends string>(tabs: readonly T[]) {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year') ?? undefined);
  const year = isFiscalYear(asked) ? asked : jakartaYear();
  const tab: T | undefined = tabs.find((name) => name === params.get('tab')) ?? tabs[0];

  // Picking a tab or a year refines the page rather than leaving it: Back leaves the page.
  const set = (name: 'year' | 'tab', value: string) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(name, value);
        return next;
      },
      { replace: true },
    );
  };
  return {
    year,
    tab,
    setYear: (next: number) => set('year', String(next)),
    setTab: (next: T) => set('tab', next),
  };
}
