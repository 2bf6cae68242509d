import { Divider, Group, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { limits } from '../../api/limits';
import { mediaTypeValues, outletScaleValues, periodicityValues } from '../../api/schema';
import type { Outlet } from '../../api/types';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { groupDigits } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { SelectField } from './fields';
import { createOutlet, registryKeys, updateOutlet } from './queries';
import { claimsOf, outletRequest, outletSchema } from './schemas';
import { useStaleSave } from './stale';

function count(value: number | null | undefined): string {
  return value == null ? '' : groupDigits(String(value));
}

function defaults(outlet?: Outlet) {
  return {
    media_type: outlet?.media_type,
    name: outlet?.name ?? '',
    scale: outlet?.scale ?? ('local' as const),
    periodicity: outlet?.periodicity ?? ('continuous' as const),
    url: outlet?.url ?? '',
    first_published: outlet?.first_published ?? '',
    frequency: outlet?.frequency ?? '',
    circulation: count(outlet?.circulation),
    monthly_visitors: count(outlet?.monthly_visitors),
    claims_evidence: outlet?.claims_evidence ?? '',
    broadcast_licence: outlet?.broadcast_licence ?? '',
    broadcast_licence_until: outlet?.broadcast_licence_until ?? '',
  };
}

interface OutletFormDialogProps {
  /** The company the outlet belongs to. */
  companyId: string;
  /** The outlet to correct; without it, a new outlet is registered and opened. */
  outlet?: Outlet;
  onClose: () => void;
}

/**
 * Registers an outlet of a company, or corrects one. The server replaces the whole profile on an
 * update, so an edit sends every field, against the version it started from.
 */
export function OutletFormDialog({ companyId, outlet, onClose }: OutletFormDialogProps) {
  const { t } = useTranslation('registry');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const stale = useStaleSave(onClose);
  const outletForm = useApiForm({
    schema: outletSchema,
    defaultValues: defaults(outlet),
    send: (values) => (outlet ? updateOutlet(outlet, outletRequest(companyId, values)) : createOutlet(outletRequest(companyId, values))),
    fieldCodes: { outlet_name_taken: 'name' },
    limits: limits.OutletRequest,
    onUnchanged: outlet ? onClose : undefined,
    onSuccess: (saved) => {
      notifySaved(t(outlet ? 'outletUpdated' : 'outletCreated', { name: saved.name }));
      queryClient.setQueryData(registryKeys.outlet(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: registryKeys.all });
      onClose();
      if (!outlet) void navigate(`/registry/outlets/${saved.id}`);
    },
    onError: stale.onError,
  });
  const { register, control } = outletForm.form;
  const has = claimsOf(useWatch({ control, name: 'media_type' }));
  const field = outletForm.fieldError;
  const choice = (prefix: string, values: readonly string[]) => values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

  return (
    <FormDialog form={outletForm} title={outlet ? t('outletEditTitle', { name: outlet.name }) : t('outletCreateTitle')} onClose={onClose} size="lg">
      <Group grow align="flex-start">
        <SelectField
          control={control}
          name="media_type"
          label={t('field.media_type')}
          required
          allowDeselect={false}
          data={choice('mediaType', mediaTypeValues)}
          error={field('media_type')}
        />
        <TextInput label={t('field.outlet_name')} description={t('hint.outlet_name')} required error={field('name')} {...register('name')} />
      </Group>
      <Group grow align="flex-start">
        <SelectField control={control} name="scale" label={t('field.scale')} required allowDeselect={false} data={choice('outletScale', outletScaleValues)} error={field('scale')} />
        <SelectField
          control={control}
          name="periodicity"
          label={t('field.periodicity')}
          required
          allowDeselect={false}
          data={choice('periodicity', periodicityValues)}
          error={field('periodicity')}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput label={t('field.url')} type="url" error={field('url')} {...register('url')} />
        <TextInput label={t('field.first_published')} description={t('hint.first_published')} type="date" error={field('first_published')} {...register('first_published')} />
      </Group>

      {(has.frequency || has.circulation || has.visitors) && <Divider label={t('section.reach')} labelPosition="left" />}
      {has.frequency && (
        <>
          <TextInput label={t('field.frequency')} description={t('hint.frequency')} error={field('frequency')} {...register('frequency')} />
          <Group grow align="flex-start">
            <TextInput label={t('field.broadcast_licence')} error={field('broadcast_licence')} {...register('broadcast_licence')} />
            <TextInput label={t('field.broadcast_licence_until')} type="date" error={field('broadcast_licence_until')} {...register('broadcast_licence_until')} />
          </Group>
        </>
      )}
      {has.circulation && (
        <TextInput label={t('field.circulation')} description={t('hint.circulation')} inputMode="numeric" error={field('circulation')} {...register('circulation')} />
      )}
      {has.visitors && (
        <TextInput
          label={t('field.monthly_visitors')}
          description={t('hint.monthly_visitors')}
          inputMode="numeric"
          error={field('monthly_visitors')}
          {...register('monthly_visitors')}
        />
      )}
      <Textarea label={t('field.claims_evidence')} description={t('hint.claims_evidence')} rows={2} error={field('claims_evidence')} {...register('claims_evidence')} />
    </FormDialog>
  );
}
