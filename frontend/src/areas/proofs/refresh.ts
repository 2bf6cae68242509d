import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { notifyFailed } from '../../components/notify';
import { proofKeys } from './queries';

/**
 * Reads an order and its proofs again after a change to either, and the lists that show the order:
 * a review moves what the order's decision may be, and a decision moves the order to another list.
 */
export function useRefreshOrder(orderId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: proofKeys.one(orderId) }),
      queryClient.invalidateQueries({ queryKey: proofKeys.lists() }),
    ]);
}

/**
 * What a refused change does when someone else changed the proof or the order first (412):
 * everything is read again and the dialog closes, saying why. Answers whether the error was that.
 */
export function useStaleChange(orderId: string, close: () => void) {
  const { t } = useTranslation('proofs');
  const refresh = useRefreshOrder(orderId);
  return (error: unknown): boolean => {
    if (!(error instanceof ApiError) || error.status !== 412) return false;
    notifyFailed(t('stale.title'), t('stale.body'));
    void refresh();
    close();
    return true;
  };
}
