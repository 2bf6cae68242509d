import { Radio, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { limits } from '../../api/limits';
import { companyStatusValues } from '../../api/schema';
import type { CompanyStatus, PressCompany } from '../../api/types';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { useApiForm } from '../../hooks/useApiForm';
import { decideStatus, registryKeys } from './queries';
import { statusSchema } from './schemas';
import { useStaleSave } from './stale';

/**
 * Suspends, bars or reinstates a company. A suspension or a bar keeps its reason with the company,
 * where every officer who opens it reads why; a reinstatement may say why too.
 */
export function StatusDialog({ company, onClose }: { company: PressCompany; onClose: () => void }) {
  const { t } = useTranslation('registry');
  const queryClient = useQueryClient();
  const stale = useStaleSave(onClose);
  const decision = useApiForm({
    schema: statusSchema,
    defaultValues: { status: undefined, reason: '' },
    send: (values) => decideStatus(company, values),
    limits: limits.StatusRequest,
    onSuccess: (saved) => {
      notifySaved(t(`statusDecided.${saved.status}`, { name: saved.legal_name }));
      queryClient.setQueryData(registryKeys.company(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: registryKeys.all });
      onClose();
    },
    onError: stale.onError,
  });
  const { control, register } = decision.form;
  // Nothing is chosen when the dialog opens, whatever the form's types say.
  const chosen = useWatch({ control, name: 'status' }) as CompanyStatus | undefined;
  const choices = companyStatusValues.filter((status) => status !== company.status);

  return (
    <FormDialog
      form={decision}
      title={t('statusTitle', { name: company.legal_name })}
      onClose={onClose}
      submitLabel={t('statusConfirm')}
      color={chosen === undefined || chosen === 'active' ? undefined : 'red'}
    >
      <Text size="sm">{t('statusNow', { status: t(`companyStatus.${company.status}`) })}</Text>
      <Controller
        control={control}
        name="status"
        render={({ field }) => (
          <Radio.Group
            label={t('statusChoice')}
            required
            value={chosen ?? null}
            onChange={field.onChange}
            error={decision.fieldError('status')}
          >
            <Stack gap="xs" mt="xs">
              {choices.map((status) => (
                <Radio key={status} value={status} label={t(`decision.${status}`)} description={t(`decisionHint.${status}`)} />
              ))}
            </Stack>
          </Radio.Group>
        )}
      />
      <Textarea
        label={t('field.reason')}
        description={t(chosen === 'active' ? 'hint.reasonOptional' : 'hint.reason')}
        required={chosen !== 'active'}
        rows={3}
        error={decision.fieldError('reason')}
        {...register('reason')}
      />
    </FormDialog>
  );
}
