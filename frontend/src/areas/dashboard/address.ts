import { useSearchParams } from 'react-router';
import { yearOf } from '../../fiscalYear';

/**
 * The fiscal year the dashboard shows, from the address (`/?year=2026`), the one in progress
 * unless named; and a way to change it without leaving the page, so a shared address opens the
 * same year.
 */
export function useDashboardYear() {
  const [params, setParams] = useSearchParams();
  return {
    year: yearOf(params.get('year')),
    setYear: (year: number) => {
      // The year refines the page rather than leads to another one: Back leaves the dashboard.
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.set('year', String(year));
          return next;
        },
        { replace: true },
      );
    },
  };
}
