import { useSearchParams } from 'react-router';
import { limits } from '../../api/limits';
import { jakartaYear } from '../../format';

/** The fiscal years the server keeps policies for. */
const YEARS = limits.CreatePolicyVersionRequest.fiscal_year;

export function isFiscalYear(year: number): boolean {
  return Number.isInteger(year) && year >= YEARS.minimum && year <= YEARS.maximum;
}

/** The tabs of a version, in order; the address names the open one (`?tab=rates`). */
export const TABS = ['overview', 'requirements', 'rules', 'rubric', 'rates'] as const;
export type Tab = (typeof TABS)[number];

/**
 * The fiscal year and tab the address names (`/policy?year=2027&tab=rates`), so that a copied
 * address opens the same page. A missing or hand-mangled year is the year in progress in Jakarta.
 */
export function usePolicyAddress() {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year') ?? undefined);
  const year = isFiscalYear(asked) ? asked : jakartaYear();
  const tab = TABS.find((known) => known === params.get('tab')) ?? 'overview';

  // Picking a year or a tab refines the page rather than leaving it: Back leaves the page.
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
    setTab: (next: Tab) => set('tab', next),
  };
}
