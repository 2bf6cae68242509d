import { Alert, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { problemMessage } from '../../api/problem';
import { DialogActions } from '../../components/DialogActions';
import { notifyFailed, notifySaved } from '../../components/notify';
import { formatRupiah } from '../../format';
import type { Invoice } from './model';
import { acceptInvoice, financeKeys } from './queries';
import { useRefreshFinance } from './refresh';

/**
 * Signs the acceptance record (BAST) of an invoice: the work billed is accepted, and the record is
 * numbered from the organisation's pattern. Sent with the invoice's version as it was read.
 */
export function AcceptDialog({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const { t } = useTranslation('finance');
  const queryClient = useQueryClient();
  const refresh = useRefreshFinance();
  const accept = useMutation({
    mutationFn: () => acceptInvoice(invoice),
    onSuccess: (accepted) => {
      notifySaved(t('accept.done', { number: accepted.number, acceptance: accepted.acceptance_number ?? '' }));
      queryClient.setQueryData(financeKeys.invoice(accepted.id), accepted);
      void refresh();
      onClose();
    },
    onError: (error) => {
      void refresh();
      // Someone else changed the invoice first: the page shows it as it is now.
      if (error instanceof ApiError && error.status === 412) {
        notifyFailed(t('stale.title'), t('stale.body'));
        onClose();
      }
    },
  });

  return (
    <Modal opened onClose={onClose} title={t('accept.title', { number: invoice.number })}>
      <Stack>
        {accept.isError && (
          <Alert color="red" role="alert">
            {problemMessage(t, accept.error)}
          </Alert>
        )}
        <Text size="sm">{t('accept.explain', { company: invoice.company_name, count: invoice.lines.length, amount: formatRupiah(invoice.gross.amount) })}</Text>
        <DialogActions onCancel={onClose} loading={accept.isPending} label={t('accept.submit')} color="teal" onConfirm={() => accept.mutate()} />
      </Stack>
    </Modal>
  );
}
