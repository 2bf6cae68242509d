import { useSearchParams } from 'react-router';
import type { UrlFilters } from '../../hooks/usePagedList';
import type { OrderFilters } from './queries';
import { yearOf } from '../../fiscalYear';

export { isFiscalYear, yearOf } from '../../fiscalYear';

/** The search parameters that filter the orders. */
export const ORDER_FILTERS = ['year', 'agreement'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters of an address, keeping only values the API accepts: always one fiscal year. */
export function parseOrderFilters(filters: UrlFilters<(typeof ORDER_FILTERS)[number]>): OrderFilters {
  return {
    fiscal_year: yearOf(filters.year),
    agreement_id: filters.agreement !== undefined && UUID.test(filters.agreement) ? filters.agreement : undefined,
  };
}

/** How the orders are shown: as a board of columns by state (the default), or as a list. */
export type OrdersView = 'board' | 'list';

/**
 * The page's view, in the address (`?view=list`) so that a reload or a shared link shows the same;
 * switching replaces the history entry, as a filter does.
 */
export function useViewParam(): [OrdersView, (view: OrdersView) => void] {
  const [params, setParams] = useSearchParams();
  const view: OrdersView = params.get('view') === 'list' ? 'list' : 'board';
  const setView = (next: OrdersView) => {
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next === 'board') updated.delete('view');
        else updated.set('view', next);
        return updated;
      },
      { replace: true },
    );
  };
  return [view, setView];
}
