import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, type Control, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { applyFieldErrors, problemMessage } from '../../api/problem';
import { ROLES, type UpdateUserRequest, type User } from '../../api/types';
import {
  createUserSchema,
  editUserSchema,
  type CreateUserInput,
  type CreateUserValues,
  type EditUserInput,
  type EditUserValues,
} from './schemas';
import { unitLabel, useUnits } from './useUnits';
import { DialogActions } from '../../components/DialogActions';

function useFieldError() {
  const { t } = useTranslation();
  return (message?: string) => (message ? t(message) : undefined);
}

function RoleAndUnitFields<T extends FieldValues, TOut extends FieldValues>({ control }: { control: Control<T, unknown, TOut> }) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const units = useUnits();
  return (
    <>
      <Controller
        control={control}
        name={'role' as Path<T>}
        render={({ field, fieldState }) => (
          <Select
            label={t('users.fieldRole')}
            required
            allowDeselect={false}
            data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            value={field.value ?? null}
            onChange={field.onChange}
            onBlur={field.onBlur}
            ref={field.ref}
            error={fieldError(fieldState.error?.message)}
          />
        )}
      />
      <Controller
        control={control}
        name={'unit_id' as Path<T>}
        render={({ field, fieldState }) => (
          <Select
            label={t('users.fieldUnit')}
            placeholder={t('users.fieldUnitNone')}
            clearable
            searchable
            disabled={units.isPending}
            data={(units.data ?? []).map((unit) => ({ value: unit.id, label: unitLabel(unit) }))}
            value={field.value ?? null}
            onChange={field.onChange}
            onBlur={field.onBlur}
            ref={field.ref}
            error={fieldError(fieldState.error?.message) ?? (units.isError ? problemMessage(t, units.error) : undefined)}
          />
        )}
      />
    </>
  );
}

function FormError({ error, show }: { error: unknown; show: boolean }) {
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <Alert color="red" role="alert">
      {problemMessage(t, error)}
    </Alert>
  );
}

export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const queryClient = useQueryClient();
  const form = useForm<CreateUserInput, unknown, CreateUserValues>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { username: '', full_name: '', email: '', role: 'officer', unit_id: null, password: '' },
  });
  const create = useMutation({
    mutationFn: (body: CreateUserValues) => unwrap(api.client.POST('/api/v1/users', { body })),
    onSuccess: (user) => {
      notifications.show({ color: 'green', message: t('users.created', { username: user.username }) });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      form.reset();
      create.reset();
      onClose();
    },
    onError: (error) =>
      applyFieldErrors(error, form.setError, {
        fields: ['username', 'full_name', 'email', 'role', 'unit_id', 'password'],
        codes: { username_taken: 'username', unknown_unit: 'unit_id' },
      }),
  });
  const { errors } = form.formState;
  const close = () => {
    create.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('users.createTitle')}>
      <form noValidate onSubmit={(event) => void form.handleSubmit((values) => create.mutate(values))(event)}>
        <Stack>
          <FormError error={create.error} show={create.isError} />
          <TextInput
            label={t('users.fieldUsername')}
            description={t('users.fieldUsernameHint')}
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            error={fieldError(errors.username?.message)}
            {...form.register('username')}
          />
          <TextInput label={t('users.fieldFullName')} required error={fieldError(errors.full_name?.message)} {...form.register('full_name')} />
          <TextInput label={t('users.fieldEmail')} type="email" error={fieldError(errors.email?.message)} {...form.register('email')} />
          <RoleAndUnitFields control={form.control} />
          <PasswordInput
            label={t('users.fieldPassword')}
            description={t('users.fieldPasswordHint')}
            required
            autoComplete="new-password"
            error={fieldError(errors.password?.message)}
            {...form.register('password')}
          />
          <DialogActions onCancel={close} loading={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

export function EditUserModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const queryClient = useQueryClient();
  const form = useForm<EditUserInput, unknown, EditUserValues>({
    resolver: zodResolver(editUserSchema),
    defaultValues: { full_name: user.full_name, email: user.email ?? '', role: user.role, unit_id: user.unit_id ?? null },
  });
  const update = useMutation({
    mutationFn: (body: UpdateUserRequest) =>
      unwrap(
        api.client.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id }, header: { 'If-Match': `"${user.version}"` } },
          body,
        }),
      ),
    onSuccess: (updated) => {
      notifications.show({ color: 'green', message: t('users.updated', { username: updated.username }) });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (error) => {
      applyFieldErrors(error, form.setError, {
        fields: ['full_name', 'email', 'role', 'unit_id'],
        codes: { unknown_unit: 'unit_id', cannot_change_own_role: 'role' },
      });
      // Someone else saved first: refresh the list so reopening shows their version.
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const { errors, dirtyFields } = form.formState;

  const submit = (values: EditUserValues) => {
    // Send only what changed: an unchanged role must not count as changing one's own role.
    const body: UpdateUserRequest = {};
    if (dirtyFields.full_name) body.full_name = values.full_name;
    if (dirtyFields.email) body.email = values.email;
    if (dirtyFields.role) body.role = values.role;
    if (dirtyFields.unit_id) body.unit_id = values.unit_id;
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    update.mutate(body);
  };

  return (
    <Modal opened onClose={onClose} title={t('users.editTitle', { username: user.username })}>
      <form noValidate onSubmit={(event) => void form.handleSubmit(submit)(event)}>
        <Stack>
          <FormError error={update.error} show={update.isError} />
          <TextInput label={t('users.fieldFullName')} required error={fieldError(errors.full_name?.message)} {...form.register('full_name')} />
          <TextInput label={t('users.fieldEmail')} type="email" error={fieldError(errors.email?.message)} {...form.register('email')} />
          <RoleAndUnitFields control={form.control} />
          <DialogActions onCancel={onClose} loading={update.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
