import { Alert, Button, Group, Select, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { limits } from '../../api/limits';
import { terminationGroundValues } from '../../api/schema';
import { useCan } from '../../auth/hooks';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { formatDay, formatRupiah } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { isAbove } from './amounts';
import type { Agreement, AgreementStep } from './model';
import { agreementKeys, takeStep } from './queries';
import { useAgreementChange } from './refresh';
import { stepSchema } from './schemas';

const STEP_COLOR: Record<AgreementStep, string | undefined> = {
  activate: 'green',
  complete: 'blue',
  terminate: 'red',
  expire: 'gray',
};

/** Steps a note may explain for the record, without having to; a termination must say why. */
const TAKES_NOTE: ReadonlySet<AgreementStep> = new Set(['complete', 'expire']);

function StepDialog({ agreement, step, onClose }: { agreement: Agreement; step: AgreementStep; onClose: () => void }) {
  const { t } = useTranslation('agreements');
  const queryClient = useQueryClient();
  const change = useAgreementChange(agreement, onClose);
  const terminating = step === 'terminate';
  const form = useApiForm({
    schema: stepSchema(terminating),
    defaultValues: { ground: '', reason: '' },
    send: ({ ground, reason }) => takeStep(agreement, step, terminating ? { ground, reason } : { reason }),
    limits: limits.AgreementStepBody,
    onSuccess: (taken) => {
      notifySaved(t(`stepDone.${step}`, { number: taken.number }));
      queryClient.setQueryData(agreementKeys.agreement(taken.id), taken);
      change.saved();
      onClose();
    },
    onError: change.refused,
  });
  const line = agreement.budget_line;
  // Signing reserves the whole ceiling on the budget line: say before whether it has room.
  const short = step === 'activate' && isAbove(agreement.ceiling.amount, line.unallocated.amount);

  return (
    <FormDialog
      form={form}
      title={t(`stepDialog.${step}.title`, { number: agreement.number })}
      onClose={onClose}
      submitLabel={t(`step.${step}`)}
      color={STEP_COLOR[step]}
      size="lg"
    >
      <Text size="sm">{t(`stepDialog.${step}.explain`, { ends: formatDay(agreement.ends_on) })}</Text>
      {step === 'activate' && (
        <Alert color={short ? 'orange' : 'green'} role="status" title={t(short ? 'activateRoom.short' : 'activateRoom.enough')}>
          {t('activateRoom.body', {
            ceiling: formatRupiah(agreement.ceiling.amount),
            line: `${line.unit_code} · ${line.account_code}`,
            unallocated: formatRupiah(line.unallocated.amount),
          })}
        </Alert>
      )}
      {terminating && (
        <Controller
          control={form.form.control}
          name="ground"
          render={({ field }) => (
            <Select
              label={t('field.ground')}
              required
              data={terminationGroundValues.map((ground) => ({ value: ground, label: t(`ground.${ground}`) }))}
              value={field.value || null}
              onChange={(value) => field.onChange(value ?? '')}
              onBlur={field.onBlur}
              ref={field.ref}
              error={form.fieldError('ground')}
            />
          )}
        />
      )}
      {(terminating || TAKES_NOTE.has(step)) && (
        <Textarea
          label={t(terminating ? 'field.terminationReason' : 'field.stepNote')}
          description={t(terminating ? 'hint.terminationReason' : 'hint.stepNote')}
          required={terminating}
          rows={3}
          error={form.fieldError('reason')}
          {...form.form.register('reason')}
        />
      )}
    </FormDialog>
  );
}

/**
 * The steps the agreement's state allows (the server's `next_steps`), for those who manage
 * agreements, each behind a confirmation.
 */
export function StepActions({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation('agreements');
  const canManage = useCan('agreements.manage');
  const [open, setOpen] = useState<AgreementStep | null>(null);
  if (!canManage || agreement.next_steps.length === 0) return null;
  return (
    <>
      <Group gap="xs" role="group" aria-label={t('stepsLabel')}>
        {agreement.next_steps.map((step) => (
          <Button key={step} color={STEP_COLOR[step]} variant={step === 'expire' ? 'default' : 'filled'} onClick={() => setOpen(step)}>
            {t(`step.${step}`)}
          </Button>
        ))}
      </Group>
      {open && <StepDialog agreement={agreement} step={open} onClose={() => setOpen(null)} />}
    </>
  );
}
