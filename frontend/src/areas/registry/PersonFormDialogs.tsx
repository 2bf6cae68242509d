import { Group, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useWatch, type Control, type FieldValues, type Path, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { limits } from '../../api/limits';
import { competenceLevelValues, newsroomRoleValues } from '../../api/schema';
import type { NewsroomPerson, PersonDetailsRequest } from '../../api/types';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { useApiForm } from '../../hooks/useApiForm';
import { maskedNik } from './facts';
import { SelectField } from './fields';
import { createPerson, registryKeys, updatePerson } from './queries';
import { newPersonSchema, personSchema } from './schemas';
import { useStaleSave } from './stale';

/** What adding and correcting a person share: their name, place and competence. */
interface Details extends FieldValues {
  full_name: string;
  role: PersonDetailsRequest['role'] | undefined;
  competence_level: PersonDetailsRequest['competence_level'];
  competence_certificate: string;
  competence_date: string;
}

/** A certificate and its date belong to a competence level; without a level the server keeps neither. */
function withCompetence<T extends PersonDetailsRequest>(values: T): T {
  return values.competence_level ? values : { ...values, competence_certificate: null, competence_date: null };
}

function DetailsFields<T extends Details, TOut extends FieldValues>({
  control,
  register,
  error,
}: {
  control: Control<T, unknown, TOut>;
  register: UseFormRegister<T>;
  error: (name: Path<T>) => string | undefined;
}) {
  const { t } = useTranslation('registry');
  const level = useWatch({ control, name: 'competence_level' as Path<T> }) as unknown;
  const certified = typeof level === 'string';
  const name = (field: keyof Details) => field as Path<T>;
  return (
    <>
      <TextInput label={t('field.full_name')} required error={error(name('full_name'))} {...register(name('full_name'))} />
      <SelectField
        control={control}
        name={name('role')}
        label={t('field.newsroom_role')}
        required
        allowDeselect={false}
        data={newsroomRoleValues.map((role) => ({ value: role, label: t(`newsroomRole.${role}`) }))}
        error={error(name('role'))}
      />
      <SelectField
        control={control}
        name={name('competence_level')}
        label={t('field.competence_level')}
        description={t('hint.competence_level')}
        placeholder={t('noCompetence')}
        clearable
        data={competenceLevelValues.map((value) => ({ value, label: t(`competenceLevel.${value}`) }))}
        error={error(name('competence_level'))}
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('field.competence_certificate')}
          disabled={!certified}
          error={error(name('competence_certificate'))}
          {...register(name('competence_certificate'))}
        />
        <TextInput
          label={t('field.competence_date')}
          type="date"
          disabled={!certified}
          error={error(name('competence_date'))}
          {...register(name('competence_date'))}
        />
      </Group>
    </>
  );
}

/** Records a person of a company's newsroom for a fiscal year, with their NIK. */
export function NewPersonDialog({ companyId, year, onClose }: { companyId: string; year: number; onClose: () => void }) {
  const { t } = useTranslation('registry');
  const queryClient = useQueryClient();
  const personForm = useApiForm({
    schema: newPersonSchema,
    defaultValues: { nik: '', full_name: '', role: undefined, competence_level: null, competence_certificate: '', competence_date: '' },
    send: (values) => createPerson(withCompetence({ ...values, company_id: companyId, fiscal_year: year })),
    fieldCodes: { person_already_recorded: 'nik' },
    limits: limits.NewPersonRequest,
    onSuccess: (saved) => {
      notifySaved(t('personCreated', { name: saved.full_name, year: saved.fiscal_year }));
      void queryClient.invalidateQueries({ queryKey: registryKeys.all });
      onClose();
    },
  });
  const { control, register } = personForm.form;
  return (
    <FormDialog form={personForm} title={t('personCreateTitle', { year })} onClose={onClose}>
      <TextInput
        label={t('field.nik')}
        description={t('hint.nik')}
        required
        inputMode="numeric"
        autoComplete="off"
        maxLength={24}
        error={personForm.fieldError('nik')}
        {...register('nik')}
      />
      <DetailsFields control={control} register={register} error={personForm.fieldError} />
    </FormDialog>
  );
}

/** Corrects a person's name, place and competence; the NIK, company and year stay as recorded. */
export function EditPersonDialog({ person, onClose }: { person: NewsroomPerson; onClose: () => void }) {
  const { t } = useTranslation('registry');
  const queryClient = useQueryClient();
  const stale = useStaleSave(onClose);
  const personForm = useApiForm({
    schema: personSchema,
    defaultValues: {
      full_name: person.full_name,
      role: person.role,
      competence_level: person.competence_level ?? null,
      competence_certificate: person.competence_certificate ?? '',
      competence_date: person.competence_date ?? '',
    },
    // The server replaces all of these at once.
    send: (values) => updatePerson(person, withCompetence(values)),
    limits: limits.PersonDetailsRequest,
    onUnchanged: onClose,
    onSuccess: (saved) => {
      notifySaved(t('personUpdated', { name: saved.full_name }));
      void queryClient.invalidateQueries({ queryKey: registryKeys.all });
      onClose();
    },
    onError: stale.onError,
  });
  const { control, register } = personForm.form;
  return (
    <FormDialog form={personForm} title={t('personEditTitle', { name: person.full_name })} onClose={onClose}>
      <Text size="sm">{t('nikOf', { nik: maskedNik(person.nik_last_four) })}</Text>
      <DetailsFields control={control} register={register} error={personForm.fieldError} />
    </FormDialog>
  );
}
