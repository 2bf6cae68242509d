import { Alert, Button, Group, List, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { limits } from '../../api/limits';
import type { Application, Blocker, Permission } from '../../api/types';
import { useMe } from '../../auth/hooks';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { useApiForm } from '../../hooks/useApiForm';
import { applicationKeys, readinessQuery, STEP_PATHS, takeStep, type TakenStep } from './queries';
import { useRefreshApplication, useStaleChange } from './refresh';
import { stepSchema } from './schemas';
import { blockerText, type PolicyNames } from './words';

/** Who may take each step the web app offers, as the spec declares the step's operation. */
const STEP_PERMISSION: Record<TakenStep, Permission> = {
  submit: 'applications.manage',
  withdraw: 'applications.manage',
  start_review: 'applications.review',
  request_revision: 'applications.review',
  verify: 'applications.review',
  reject: 'applications.review',
  approve: 'applications.approve',
};

/** The applicant must be told why an application is sent back or rejected. */
const NEEDS_REASON: ReadonlySet<TakenStep> = new Set(['request_revision', 'reject']);
/** Steps a note may explain for the journal, without having to. */
const TAKES_REASON: ReadonlySet<TakenStep> = new Set(['withdraw', 'verify', 'approve']);
/** Decisions that must find nothing in the way. */
const DECISIONS: ReadonlySet<TakenStep> = new Set(['verify', 'approve']);

const STEP_COLOR: Partial<Record<TakenStep, string>> = {
  verify: 'teal',
  approve: 'green',
  request_revision: 'orange',
  reject: 'red',
  withdraw: 'gray',
};

function isTaken(step: string): step is TakenStep {
  return step in STEP_PATHS;
}

/** Blockers as sentences, in a list a screen reader announces by its name. */
export function BlockerList({ blockers, names, label }: { blockers: readonly Blocker[]; names: PolicyNames; label: string }) {
  const { t } = useTranslation('applications');
  return (
    <List size="sm" spacing={2} aria-label={label}>
      {blockers.map((blocker, index) => (
        <List.Item key={`${blocker.kind}-${blocker.code ?? index}`}>{blockerText(t, blocker, names)}</List.Item>
      ))}
    </List>
  );
}

function StepDialog({ application, step, names, onClose }: { application: Application; step: TakenStep; names: PolicyNames; onClose: () => void }) {
  const { t } = useTranslation('applications');
  const queryClient = useQueryClient();
  const refresh = useRefreshApplication(application.id);
  const stale = useStaleChange(application.id, onClose);
  // The same list the server will check, shown before anyone presses the button.
  const readiness = useQuery({ ...readinessQuery(application.id), enabled: DECISIONS.has(step) });
  const [refused, setRefused] = useState<readonly Blocker[] | null>(null);
  const required = NEEDS_REASON.has(step);
  const stepForm = useApiForm({
    schema: stepSchema(required),
    defaultValues: { reason: '' },
    send: ({ reason }) => takeStep(application, step, reason),
    limits: limits.StepBody,
    onSuccess: (taken) => {
      notifySaved(t(`stepDone.${step}`, { outlet: taken.outlet_name }));
      queryClient.setQueryData(applicationKeys.application(taken.id), taken);
      void refresh();
      onClose();
    },
    onError: (error) => {
      if (stale(error)) return;
      if (error instanceof ApiError && error.code === 'application_not_ready') setRefused(error.problem?.blockers ?? []);
      // Whatever the refusal, what the page shows may be behind what the server knows.
      void refresh();
    },
  });
  const present = readiness.data?.blockers ?? [];

  return (
    <FormDialog
      form={stepForm}
      title={t(`stepDialog.${step}.title`, { outlet: application.outlet_name })}
      onClose={onClose}
      submitLabel={t(`step.${step}`)}
      color={STEP_COLOR[step]}
      size="lg"
    >
      <Text size="sm">{t(`stepDialog.${step}.explain`, { year: application.fiscal_year })}</Text>
      {refused !== null && refused.length > 0 && (
        <Alert color="red" title={t('refusedBlockers', { count: refused.length })}>
          <BlockerList blockers={refused} names={names} label={t('refusedBlockersLabel')} />
        </Alert>
      )}
      {refused === null && DECISIONS.has(step) && readiness.data && (
        <Alert role="status" color={present.length === 0 ? 'green' : 'orange'} title={present.length === 0 ? t('nothingInTheWay') : t('stillInTheWay', { count: present.length })}>
          {present.length > 0 && <BlockerList blockers={present} names={names} label={t('blockersLabel')} />}
        </Alert>
      )}
      {(required || TAKES_REASON.has(step)) && (
        <Textarea
          label={t(required ? `reasonLabel.${step}` : 'reasonLabel.optional')}
          description={t(required ? 'hint.reasonRequired' : 'hint.reasonOptional')}
          required={required}
          rows={3}
          error={stepForm.fieldError('reason')}
          {...stepForm.form.register('reason')}
        />
      )}
    </FormDialog>
  );
}

/**
 * The steps the application's state allows that this user may take, each behind a confirmation.
 * The server's `next_steps` says what the state allows; the user's permissions say which of them
 * are theirs.
 */
export function StepActions({ application, names }: { application: Application; names: PolicyNames }) {
  const { t } = useTranslation('applications');
  const me = useMe();
  const [open, setOpen] = useState<TakenStep | null>(null);
  const permissions = me.data?.permissions ?? [];
  const steps = application.next_steps.filter(isTaken).filter((step) => permissions.includes(STEP_PERMISSION[step]));

  if (steps.length === 0) return null;
  return (
    <>
      <Group gap="xs" role="group" aria-label={t('stepsLabel')}>
        {steps.map((step) => (
          <Button key={step} color={STEP_COLOR[step]} variant={step === 'withdraw' ? 'default' : 'filled'} onClick={() => setOpen(step)}>
            {t(`step.${step}`)}
          </Button>
        ))}
      </Group>
      {open && <StepDialog application={application} step={open} names={names} onClose={() => setOpen(null)} />}
    </>
  );
}
