import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { notifyFailed } from '../../components/notify';
import { registryKeys } from './queries';

/**
 * What a refused save of a versioned record does when someone else saved it first (412): the
 * record is read again and the dialog closes, so that the next attempt starts from their version.
 * Trying again with the form as it is would send every field of the old profile over theirs.
 */
export function useStaleSave(close: () => void) {
  const { t } = useTranslation('registry');
  const queryClient = useQueryClient();
  return {
    onError: (error: unknown) => {
      if (!(error instanceof ApiError) || error.status !== 412) return;
      notifyFailed(t('staleTitle'), t('staleBody'));
      void queryClient.invalidateQueries({ queryKey: registryKeys.all });
      close();
    },
  };
}
