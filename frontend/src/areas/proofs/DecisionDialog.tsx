import { Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { limits } from '../../api/limits';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { useApiForm } from '../../hooks/useApiForm';
import type { Order, ProofTally } from './model';
import { decideProof, proofKeys, type Decision } from './queries';
import { useRefreshOrder, useStaleChange } from './refresh';
import { decisionSchema } from './schemas';

interface DecisionDialogProps {
  order: Order;
  decision: Decision;
  counts: ProofTally;
  onClose: () => void;
}

/**
 * Decides the order's proof once every proof is reviewed: verified, the order is paid for the units
 * its verified proofs show; rejected (with a reason), the company hands in another proof.
 */
export function DecisionDialog({ order, decision, counts, onClose }: DecisionDialogProps) {
  const { t } = useTranslation('proofs');
  const queryClient = useQueryClient();
  const refresh = useRefreshOrder(order.id);
  const stale = useStaleChange(order.id, onClose);
  const rejecting = decision === 'reject';
  const decisionForm = useApiForm({
    schema: decisionSchema(rejecting),
    defaultValues: { reason: '' },
    send: ({ reason }) => decideProof(order, decision, reason),
    limits: limits.OrderStepBody,
    onSuccess: (decided) => {
      notifySaved(t(`decision.done.${decision}`, { number: decided.number }));
      queryClient.setQueryData(proofKeys.order(decided.id), decided);
      void refresh();
      onClose();
    },
    onError: (error) => {
      if (!stale(error)) void refresh();
    },
  });

  return (
    <FormDialog
      form={decisionForm}
      title={t(`decision.title.${decision}`, { number: order.number })}
      onClose={onClose}
      submitLabel={t(`decision.action.${decision}`)}
      color={rejecting ? 'red' : 'teal'}
      size="lg"
    >
      <Text size="sm">
        {rejecting
          ? t('decision.explain.reject', { count: counts.rejected })
          : t('decision.explain.verify', { count: counts.verifiedUnits, ordered: order.quantity })}
      </Text>
      {!rejecting && counts.verifiedUnits < order.quantity && (
        <Text size="sm" c="orange.8">
          {t('decision.shortfall', { count: order.quantity - counts.verifiedUnits })}
        </Text>
      )}
      <Textarea
        label={t(rejecting ? 'decision.reasonRequired' : 'decision.reasonOptional')}
        description={t(rejecting ? 'decision.reasonRequiredHint' : 'decision.reasonOptionalHint')}
        required={rejecting}
        rows={3}
        error={decisionForm.fieldError('reason')}
        {...decisionForm.form.register('reason')}
      />
    </FormDialog>
  );
}
