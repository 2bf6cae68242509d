import { PasswordInput, Select, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../api/problem';
import { limits } from '../../api/limits';
import { roleValues } from '../../api/schema';
import type { User } from '../../api/types';
import { allUnitsQuery, unitLabel } from '../../api/units';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { useApiForm } from '../../hooks/useApiForm';
import { createUser, updateUser, userKeys } from './queries';
import { createUserSchema, editUserSchema } from './schemas';

const newUser = limits.CreateUserRequest;

/** The role and unit pickers that adding and editing a user share. */
function RoleAndUnitFields<T extends FieldValues, TOut extends FieldValues>({ control }: { control: Control<T, unknown, TOut> }) {
  const { t } = useTranslation('users');
  const units = useQuery(allUnitsQuery());
  const translated = (message?: string) => (message ? t(message) : undefined);
  return (
    <>
      <Controller
        control={control}
        name={'role' as Path<T>}
        render={({ field, fieldState }) => (
          <Select
            label={t('fieldRole')}
            required
            allowDeselect={false}
            data={roleValues.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            value={field.value ?? null}
            onChange={field.onChange}
            onBlur={field.onBlur}
            ref={field.ref}
            error={translated(fieldState.error?.message)}
          />
        )}
      />
      <Controller
        control={control}
        name={'unit_id' as Path<T>}
        render={({ field, fieldState }) => (
          <Select
            label={t('fieldUnit')}
            placeholder={t('fieldUnitNone')}
            clearable
            searchable
            disabled={units.isPending}
            data={(units.data ?? []).map((unit) => ({ value: unit.id, label: unitLabel(unit) }))}
            value={field.value ?? null}
            onChange={field.onChange}
            onBlur={field.onBlur}
            ref={field.ref}
            error={translated(fieldState.error?.message) ?? (units.isError ? problemMessage(t, units.error) : undefined)}
          />
        )}
      />
    </>
  );
}

export function CreateUserDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('users');
  const queryClient = useQueryClient();
  const userForm = useApiForm({
    schema: createUserSchema,
    defaultValues: { username: '', full_name: '', email: '', role: 'officer', unit_id: null, password: '' },
    send: createUser,
    fieldCodes: { username_taken: 'username', unknown_unit: 'unit_id' },
    limits: newUser,
    onSuccess: (user) => {
      notifySaved(t('created', { username: user.username }));
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
      onClose();
    },
  });

  // Kept mounted while closed, so that a cancelled dialog still holds what was typed.
  return (
    <FormDialog form={userForm} opened={opened} title={t('createTitle')} onClose={onClose}>
      <TextInput
        label={t('fieldUsername')}
        description={t('fieldUsernameHint', { min: newUser.username.minLength, max: newUser.username.maxLength })}
        required
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        error={userForm.fieldError('username')}
        {...userForm.form.register('username')}
      />
      <TextInput label={t('fieldFullName')} required error={userForm.fieldError('full_name')} {...userForm.form.register('full_name')} />
      <TextInput label={t('fieldEmail')} type="email" error={userForm.fieldError('email')} {...userForm.form.register('email')} />
      <RoleAndUnitFields control={userForm.form.control} />
      <PasswordInput
        label={t('fieldPassword')}
        description={t('fieldPasswordHint', { min: newUser.password.minLength })}
        required
        autoComplete="new-password"
        error={userForm.fieldError('password')}
        {...userForm.form.register('password')}
      />
    </FormDialog>
  );
}

export function EditUserDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation('users');
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: userKeys.all });
  const userForm = useApiForm({
    schema: editUserSchema,
    defaultValues: { full_name: user.full_name, email: user.email ?? '', role: user.role, unit_id: user.unit_id ?? null },
    // Only what changed: an unchanged role must not count as changing one's own role.
    send: (_values, changed) => updateUser(user, changed),
    fieldCodes: { unknown_unit: 'unit_id', cannot_change_own_role: 'role' },
    limits: limits.UpdateUserRequest,
    onUnchanged: onClose,
    onSuccess: (updated) => {
      notifySaved(t('updated', { username: updated.username }));
      void refresh();
      onClose();
    },
    // Someone else may have saved first: reload the list so that reopening shows their version.
    onError: () => void refresh(),
  });

  return (
    <FormDialog form={userForm} title={t('editTitle', { username: user.username })} onClose={onClose}>
      <TextInput label={t('fieldFullName')} required error={userForm.fieldError('full_name')} {...userForm.form.register('full_name')} />
      <TextInput label={t('fieldEmail')} type="email" error={userForm.fieldError('email')} {...userForm.form.register('email')} />
      <RoleAndUnitFields control={userForm.form.control} />
    </FormDialog>
  );
}
