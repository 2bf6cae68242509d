import { Select, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { limits } from '../../api/limits';
import { allUnitsQuery, unitLabel } from '../../api/units';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { formatRupiah, jakartaYear } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { isFiscalYear } from './address';
import type { BudgetLine } from './model';
import { budgetKeys, createBudgetLine } from './queries';
import { newLineSchema } from './schemas';

/** The server names an amount's field `ceiling` or, inside it, `ceiling.amount`: both are the one field. */
function placeCeiling(field: string) {
  return field.startsWith('ceiling') ? ('ceiling' as const) : undefined;
}

/** Adopts a budget line of a unit's DPA: its account code, name and ceiling as adopted (*pagu murni*). */
export function NewBudgetLineDialog({ year, onClose, onAdopted }: { year: number; onClose: () => void; onAdopted: (line: BudgetLine) => void }) {
  const { t } = useTranslation('budget');
  const queryClient = useQueryClient();
  const units = useQuery(allUnitsQuery());
  const now = jakartaYear();
  const years = [...new Set([year, now, now + 1])].filter(isFiscalYear).sort((a, b) => a - b);
  const form = useApiForm({
    schema: newLineSchema,
    defaultValues: { unit_id: '', fiscal_year: String(year), account_code: '', name: '', ceiling: '' },
    send: createBudgetLine,
    fieldCodes: { budget_line_exists: 'account_code', unknown_unit: 'unit_id' },
    placeFieldError: placeCeiling,
    limits: limits.CreateBudgetLineRequest,
    onSuccess: (line) => {
      notifySaved(t('created', { line: line.account_code, amount: formatRupiah(line.ceiling.amount), year: line.fiscal_year }));
      void queryClient.invalidateQueries({ queryKey: budgetKeys.lists() });
      onAdopted(line);
      onClose();
    },
  });
  const { control, register } = form.form;

  return (
    <FormDialog form={form} title={t('createTitle')} onClose={onClose} submitLabel={t('createConfirm')} size="lg">
      <Text size="sm">{t('createExplain')}</Text>
      <Controller
        control={control}
        name="unit_id"
        render={({ field }) => (
          <Select
            label={t('field.unit')}
            required
            searchable
            placeholder={units.isPending ? t('common.loading') : undefined}
            data={(units.data ?? []).map((unit) => ({ value: unit.id, label: unitLabel(unit) }))}
            value={field.value || null}
            onChange={(value) => field.onChange(value ?? '')}
            onBlur={field.onBlur}
            ref={field.ref}
            error={form.fieldError('unit_id') ?? (units.isError ? t('unitsFailed') : undefined)}
          />
        )}
      />
      <Controller
        control={control}
        name="fiscal_year"
        render={({ field }) => (
          <Select
            label={t('fiscalYear')}
            required
            allowDeselect={false}
            w={150}
            data={years.map((option) => ({ value: String(option), label: String(option) }))}
            value={field.value}
            onChange={(value) => field.onChange(value ?? field.value)}
            error={form.fieldError('fiscal_year')}
          />
        )}
      />
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
      <TextInput label={t('field.name')} description={t('hint.name')} required error={form.fieldError('name')} {...register('name')} />
      <TextInput
        label={t('field.ceiling')}
        description={t('hint.ceiling')}
        required
        inputMode="numeric"
        leftSection={<Text size="sm">Rp</Text>}
        error={form.fieldError('ceiling')}
        {...register('ceiling')}
      />
    </FormDialog>
  );
}
