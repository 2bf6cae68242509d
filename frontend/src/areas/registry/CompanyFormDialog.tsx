import { Divider, Group, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { limits } from '../../api/limits';
import { legalFormValues } from '../../api/schema';
import type { PressCompany } from '../../api/types';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { groupDigits } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { SelectField } from './fields';
import { createCompany, registryKeys, updateCompany } from './queries';
import { companyRequest, companySchema, MEMBERSHIP, TRISTATE, tristateOf } from './schemas';
import { useStaleSave } from './stale';

/** The nested amount of the paid-up capital is the capital field itself here. */
function placeError(field: string) {
  return field.startsWith('paid_up_capital') ? ('paid_up_capital' as const) : undefined;
}

function defaults(company?: PressCompany) {
  const association = company?.association ?? null;
  return {
    legal_name: company?.legal_name ?? '',
    legal_form: company?.legal_form,
    npwp: company?.npwp_printed ?? '',
    deed_number: company?.deed_number ?? '',
    deed_date: company?.deed_date ?? '',
    ahu_number: company?.ahu_number ?? '',
    ahu_date: company?.ahu_date ?? '',
    nib: company?.nib ?? '',
    vat_registered_since: company?.vat_registered_since ?? '',
    address: company?.address ?? '',
    phone: company?.phone ?? '',
    email: company?.email ?? '',
    website: company?.website ?? '',
    staff_count: company?.staff_count == null ? '' : String(company.staff_count),
    paid_up_capital: company?.paid_up_capital ? groupDigits(company.paid_up_capital.amount) : '',
    local_office: tristateOf(company?.local_office ?? null),
    association_state: association === null ? ('unknown' as const) : association === '' ? ('none' as const) : ('member' as const),
    association: association ?? '',
  };
}

/**
 * Registers a press company, or corrects the profile of `company` when given. The server replaces
 * the whole profile on an update, so an edit sends every field, against the version it started from.
 */
export function CompanyFormDialog({ company, onClose }: { company?: PressCompany; onClose: () => void }) {
  const { t } = useTranslation('registry');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const stale = useStaleSave(onClose);
  const companyForm = useApiForm({
    schema: companySchema,
    defaultValues: defaults(company),
    send: (values) => (company ? updateCompany(company, companyRequest(values)) : createCompany(companyRequest(values))),
    fieldCodes: { npwp_taken: 'npwp', company_name_taken: 'legal_name' },
    placeFieldError: placeError,
    limits: limits.CompanyRequest,
    onUnchanged: company ? onClose : undefined,
    onSuccess: (saved) => {
      notifySaved(t(company ? 'companyUpdated' : 'companyCreated', { name: saved.legal_name }));
      queryClient.setQueryData(registryKeys.company(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: registryKeys.all });
      onClose();
      if (!company) void navigate(`/registry/companies/${saved.id}`);
    },
    onError: stale.onError,
  });
  const { register, control } = companyForm.form;
  const membership = useWatch({ control, name: 'association_state' });
  const field = companyForm.fieldError;
  const choice = (prefix: string, values: readonly string[]) => values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

  return (
    <FormDialog form={companyForm} title={company ? t('companyEditTitle', { name: company.legal_name }) : t('companyCreateTitle')} onClose={onClose} size="xl">
      <TextInput label={t('field.legal_name')} description={t('hint.legal_name')} required error={field('legal_name')} {...register('legal_name')} />
      <Group grow align="flex-start">
        <SelectField
          control={control}
          name="legal_form"
          label={t('field.legal_form')}
          required
          allowDeselect={false}
          data={choice('legalForm', legalFormValues)}
          error={field('legal_form')}
        />
        <TextInput
          label={t('field.npwp')}
          description={t('hint.npwp')}
          required
          inputMode="numeric"
          autoComplete="off"
          error={field('npwp')}
          {...register('npwp')}
        />
      </Group>

      <Divider label={t('section.legal')} labelPosition="left" />
      <Group grow align="flex-start">
        <TextInput label={t('field.deed_number')} error={field('deed_number')} {...register('deed_number')} />
        <TextInput label={t('field.deed_date')} type="date" error={field('deed_date')} {...register('deed_date')} />
      </Group>
      <Group grow align="flex-start">
        <TextInput label={t('field.ahu_number')} error={field('ahu_number')} {...register('ahu_number')} />
        <TextInput label={t('field.ahu_date')} type="date" error={field('ahu_date')} {...register('ahu_date')} />
      </Group>
      <Group grow align="flex-start">
        <TextInput label={t('field.nib')} error={field('nib')} {...register('nib')} />
        <TextInput
          label={t('field.vat_registered_since')}
          description={t('hint.vat_registered_since')}
          type="date"
          error={field('vat_registered_since')}
          {...register('vat_registered_since')}
        />
      </Group>

      <Divider label={t('section.contact')} labelPosition="left" />
      <Textarea label={t('field.address')} rows={2} error={field('address')} {...register('address')} />
      <Group grow align="flex-start">
        <TextInput label={t('field.phone')} type="tel" error={field('phone')} {...register('phone')} />
        <TextInput label={t('field.email')} type="email" error={field('email')} {...register('email')} />
      </Group>
      <TextInput label={t('field.website')} error={field('website')} {...register('website')} />

      <Divider label={t('section.capacity')} labelPosition="left" />
      <Group grow align="flex-start">
        <TextInput label={t('field.staff_count')} inputMode="numeric" error={field('staff_count')} {...register('staff_count')} />
        <TextInput
          label={t('field.paid_up_capital')}
          description={t('hint.paid_up_capital')}
          inputMode="numeric"
          leftSection={<Text size="xs">Rp</Text>}
          error={field('paid_up_capital')}
          {...register('paid_up_capital')}
        />
      </Group>
      <Group grow align="flex-start">
        <SelectField
          control={control}
          name="local_office"
          label={t('field.local_office')}
          allowDeselect={false}
          data={choice('localOffice', TRISTATE)}
          error={field('local_office')}
        />
        <SelectField
          control={control}
          name="association_state"
          label={t('field.association_state')}
          allowDeselect={false}
          data={choice('membership', MEMBERSHIP)}
        />
      </Group>
      {membership === 'member' && (
        <TextInput
          label={t('field.association')}
          description={t('hint.association')}
          required
          error={field('association')}
          {...register('association')}
        />
      )}
    </FormDialog>
  );
}
