import { Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { limits } from '../../api/limits';
import { groupDigits, formatRupiah } from '../../format';
import { FormDialog } from '../../components/FormDialog';
import { notifyFailed, notifySaved } from '../../components/notify';
import { useApiForm } from '../../hooks/useApiForm';
import { ceilingFloor, type BudgetLine } from './model';
import { budgetKeys, reviseCeiling, updateBudgetLine } from './queries';
import { editLineSchema, revisionSchema } from './schemas';

/**
 * After a change: the line and its revisions are read again, and the lists that show it. A change
 * refused because someone else changed the line first (412) closes the dialog and says why, so
 * that the next attempt starts from what is there now.
 */
function useLineChange(line: BudgetLine, close: () => void) {
  const { t } = useTranslation('budget');
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: budgetKeys.one(line.id) }),
      queryClient.invalidateQueries({ queryKey: budgetKeys.lists() }),
    ]);
  return {
    saved: (saved: BudgetLine) => {
      queryClient.setQueryData(budgetKeys.line(saved.id), saved);
      void refresh();
      close();
    },
    refused: (error: unknown) => {
      if (!(error instanceof ApiError) || error.status !== 412) return;
      notifyFailed(t('stale.title'), t('stale.body'));
      void refresh();
      close();
    },
  };
}

/** Corrects the account code or the name; the ceiling changes only by a revision. */
export function EditLineDialog({ line, onClose }: { line: BudgetLine; onClose: () => void }) {
  const { t } = useTranslation('budget');
  const change = useLineChange(line, onClose);
  const form = useApiForm({
    schema: editLineSchema,
    defaultValues: { account_code: line.account_code, name: line.name },
    // Only what changed is sent, so that the audit log records just that.
    send: (_values, changed) => updateBudgetLine(line, changed),
    fieldCodes: { budget_line_exists: 'account_code' },
    limits: limits.UpdateBudgetLineRequest,
    onUnchanged: onClose,
    onSuccess: (saved) => {
      notifySaved(t('updated', { line: saved.account_code }));
      change.saved(saved);
    },
    onError: change.refused,
  });
  const { register } = form.form;
  return (
    <FormDialog form={form} title={t('editTitle', { line: line.account_code })} onClose={onClose} size="lg">
      <Text size="sm">{t('editExplain')}</Text>
      <TextInput
        label={t('field.accountCode')}
        description={t('hint.accountCode')}
        required
        autoComplete="off"
        spellCheck={false}
        ff="monospace"
        error={form.fieldError('account_code')}
        {...register('account_code')}
      />
      <TextInput label={t('field.name')} required error={form.fieldError('name')} {...register('name')} />
    </FormDialog>
  );
}

/** Records a revised ceiling (*pagu perubahan*) and the budget change that made it. */
export function ReviseCeilingDialog({ line, onClose }: { line: BudgetLine; onClose: () => void }) {
  const { t } = useTranslation('budget');
  const change = useLineChange(line, onClose);
  const floor = ceilingFloor(line);
  const form = useApiForm({
    schema: revisionSchema(floor),
    defaultValues: { ceiling: groupDigits(line.ceiling.amount), reason: '' },
    send: (values) => reviseCeiling(line, values),
    fieldCodes: { ceiling_below_commitments: 'ceiling' },
    placeFieldError: (field) => (field.startsWith('ceiling') ? 'ceiling' : undefined),
    limits: limits.ReviseCeilingRequest,
    onSuccess: (saved) => {
      notifySaved(t('revised', { line: saved.account_code, amount: formatRupiah(saved.ceiling.amount) }));
      change.saved(saved);
    },
    onError: change.refused,
  });
  const { register } = form.form;
  return (
    <FormDialog form={form} title={t('reviseTitle', { line: line.account_code })} onClose={onClose} submitLabel={t('reviseConfirm')} size="lg">
      <Text size="sm">{t('reviseExplain', { ceiling: formatRupiah(line.ceiling.amount), original: formatRupiah(line.original_ceiling.amount) })}</Text>
      <TextInput
        label={t('field.newCeiling')}
        description={t('hint.newCeiling', { floor: formatRupiah(floor) })}
        required
        inputMode="numeric"
        leftSection={<Text size="sm">Rp</Text>}
        error={form.fieldError('ceiling')}
        {...register('ceiling')}
      />
      <Textarea
        label={t('field.revisionReason')}
        description={t('hint.revisionReason')}
        required
        rows={3}
        error={form.fieldError('reason')}
        {...register('reason')}
      />
    </FormDialog>
  );
}
