import { Button, Group, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { limits } from '../../api/limits';
import { useCan } from '../../auth/hooks';
import { FormDialog } from '../../components/FormDialog';
import { notifyFailed, notifySaved } from '../../components/notify';
import { useApiForm } from '../../hooks/useApiForm';
import type { Order } from './model';
import { orderKeys, STEP_PATHS, takeStep, type TakenStep } from './queries';
import { stepSchema } from './schemas';

/** The company's refusal and the officer's cancellation are told to the company: they say why. */
const NEEDS_REASON: ReadonlySet<TakenStep> = new Set(['decline', 'cancel']);

const STEP_COLOR: Record<TakenStep, string> = { accept: 'green', decline: 'orange', cancel: 'red' };

function isTaken(step: string): step is TakenStep {
  return step in STEP_PATHS;
}

function StepDialog({ order, step, onClose }: { order: Order; step: TakenStep; onClose: () => void }) {
  const { t } = useTranslation('orders');
  const queryClient = useQueryClient();
  const required = NEEDS_REASON.has(step);
  // The order, the lists that show it and the agreements whose figures it moves are read again.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: orderKeys.one(order.id) }),
      queryClient.invalidateQueries({ queryKey: orderKeys.lists() }),
      queryClient.invalidateQueries({ queryKey: orderKeys.agreements() }),
    ]);
  const form = useApiForm({
    schema: stepSchema(required),
    defaultValues: { reason: '' },
    send: ({ reason }) => takeStep(order, step, reason),
    limits: limits.OrderStepBody,
    onSuccess: (taken) => {
      notifySaved(t(`stepDone.${step}`, { number: taken.number }));
      queryClient.setQueryData(orderKeys.one(taken.id), taken);
      void refresh();
      onClose();
    },
    onError: (error) => {
      void refresh();
      // Someone else moved the order first: start again from where it stands now.
      if (error instanceof ApiError && error.status === 412) {
        notifyFailed(t('stale.title'), t('stale.body'));
        onClose();
      }
    },
  });

  return (
    <FormDialog
      form={form}
      title={t(`stepDialog.${step}.title`, { number: order.number })}
      onClose={onClose}
      submitLabel={t(`step.${step}`)}
      color={STEP_COLOR[step]}
      size="lg"
    >
      <Text size="sm">{t(`stepDialog.${step}.explain`, { outlet: order.outlet_name })}</Text>
      {required && (
        <Textarea
          label={t(`reasonLabel.${step}`)}
          description={t('hint.reason')}
          required
          rows={3}
          error={form.fieldError('reason')}
          {...form.form.register('reason')}
        />
      )}
    </FormDialog>
  );
}

/**
 * The steps the order's state allows that this area takes (the server's `next_steps`: the
 * company's answer and a cancellation), for those who manage orders, each behind a confirmation.
 */
export function StepActions({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  const canManage = useCan('orders.manage');
  const [open, setOpen] = useState<TakenStep | null>(null);
  const steps = order.next_steps.filter(isTaken);
  if (!canManage || steps.length === 0) return null;
  return (
    <>
      <Group gap="xs" role="group" aria-label={t('stepsLabel')}>
        {steps.map((step) => (
          <Button key={step} color={STEP_COLOR[step]} variant={step === 'accept' ? 'filled' : 'light'} onClick={() => setOpen(step)}>
            {t(`step.${step}`)}
          </Button>
        ))}
      </Group>
      {open && <StepDialog order={order} step={open} onClose={() => setOpen(null)} />}
    </>
  );
}
