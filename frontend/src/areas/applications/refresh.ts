import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { notifyFailed } from '../../components/notify';
import { applicationKeys } from './queries';

/**
 * Reads an application again after a change to it: its record, readiness, documents, visit and
 * journal, and the lists that show it. Readiness in particular is judged anew each time, since
 * every document, review, score and visit may move a blocker.
 */
export function useRefreshApplication(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: applicationKeys.one(id) }),
      queryClient.invalidateQueries({ queryKey: applicationKeys.lists() }),
      queryClient.invalidateQueries({ queryKey: [...applicationKeys.all, 'expiring'] }),
    ]);
}

/**
 * What a refused change does when someone else changed the record first (412): everything is read
 * again and the dialog closes, saying why, so that the next attempt starts from what is there now.
 * Answers whether the error was that.
 */
export function useStaleChange(id: string, close: () => void) {
  const { t } = useTranslation('applications');
  const refresh = useRefreshApplication(id);
  return (error: unknown): boolean => {
    if (!(error instanceof ApiError) || error.status !== 412) return false;
    notifyFailed(t('stale.title'), t('stale.body'));
    void refresh();
    close();
    return true;
  };
}
