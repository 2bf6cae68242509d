import { useQueryClient } from '@tanstack/react-query';
import { financeKeys } from './queries';

/**
 * Reads the area again after a change to an invoice: the invoice, the lists that show it, and what
 * is owed (an accepted or paid invoice moves its orders there).
 */
export function useRefreshFinance() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: financeKeys.all });
}
