import { Group, Select, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { limits } from '../../api/limits';
import { regulationKindValues } from '../../api/schema';
import type { Regulation } from '../../api/types';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { useApiForm } from '../../hooks/useApiForm';
import { citeRegulation } from './citation';
import { createRegulation, policyKeys, updateRegulation } from './queries';
import { regulationSchema } from './schemas';

const regulationLimits = limits.RegulationRequest;

/** Records a regulation, or corrects `regulation` when given (every field is sent again). */
export function RegulationFormDialog({ regulation, onClose }: { regulation?: Regulation; onClose: () => void }) {
  const { t } = useTranslation('policy');
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: policyKeys.regulations() });
  const regulationForm = useApiForm({
    schema: regulationSchema,
    defaultValues: {
      kind: regulation?.kind,
      number: regulation?.number ?? '',
      year: regulation ? String(regulation.year) : '',
      title: regulation?.title ?? '',
      effective_from: regulation?.effective_from ?? '',
      effective_until: regulation?.effective_until ?? '',
    },
    // The server replaces every field of a regulation, so an edit sends them all.
    send: (values) => (regulation ? updateRegulation(regulation, values) : createRegulation(values)),
    fieldCodes: { regulation_exists: 'number' },
    limits: regulationLimits,
    onUnchanged: regulation ? onClose : undefined,
    onSuccess: (saved) => {
      notifySaved(t(regulation ? 'regulationUpdated' : 'regulationCreated', { citation: citeRegulation(t, saved) }));
      void refresh();
      onClose();
    },
    // Someone else saved first: reload the list so that editing again starts from their version.
    onError: () => void refresh(),
  });
  const { register, control } = regulationForm.form;

  return (
    <FormDialog form={regulationForm} title={regulation ? t('regulationEditTitle') : t('regulationCreateTitle')} onClose={onClose}>
      <Controller
        control={control}
        name="kind"
        render={({ field }) => (
          <Select
            label={t('fieldKind')}
            required
            allowDeselect={false}
            data={regulationKindValues.map((kind) => ({ value: kind, label: t(`regulationKind.${kind}`) }))}
            value={field.value ?? null}
            onChange={field.onChange}
            onBlur={field.onBlur}
            ref={field.ref}
            error={regulationForm.fieldError('kind')}
          />
        )}
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('fieldNumber')}
          description={t('fieldNumberHint')}
          required
          error={regulationForm.fieldError('number')}
          {...register('number')}
        />
        <TextInput
          label={t('fieldYear')}
          required
          inputMode="numeric"
          maxLength={4}
          error={regulationForm.fieldError('year')}
          {...register('year')}
        />
      </Group>
      <Textarea label={t('fieldTitle')} description={t('fieldTitleHint')} required rows={2} error={regulationForm.fieldError('title')} {...register('title')} />
      <Group grow align="flex-start">
        <TextInput label={t('fieldEffectiveFrom')} type="date" error={regulationForm.fieldError('effective_from')} {...register('effective_from')} />
        <TextInput label={t('fieldEffectiveUntil')} type="date" error={regulationForm.fieldError('effective_until')} {...register('effective_until')} />
      </Group>
    </FormDialog>
  );
}
