import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { notifyFailed } from '../../components/notify';
import type { Agreement } from './model';
import { agreementKeys } from './queries';

/**
 * After a change to an agreement: it is read again with its amendments, and so are the lists
 * that show it and the budget lines it reserves on. A change refused because someone else
 * changed it first (412) closes the dialog and says why, so that the next attempt starts from
 * what is there now.
 */
export function useAgreementChange(agreement: Agreement, close: () => void) {
  const { t } = useTranslation('agreements');
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: agreementKeys.one(agreement.id) }),
      queryClient.invalidateQueries({ queryKey: agreementKeys.lists() }),
      queryClient.invalidateQueries({ queryKey: agreementKeys.budgetLines(agreement.fiscal_year) }),
    ]);
  return {
    saved: () => void refresh(),
    refused: (error: unknown) => {
      // Whatever the refusal, what the page shows may be behind what the server knows.
      void refresh();
      if (!(error instanceof ApiError) || error.status !== 412) return;
      notifyFailed(t('stale.title'), t('stale.body'));
      close();
    },
  };
}
