import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { applyFieldErrors, problemMessage } from '../../api/problem';
import type { User } from '../../api/types';
import { resetPasswordSchema, type ResetPasswordValues } from './schemas';
import { DialogActions } from '../../components/DialogActions';

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<ResetPasswordValues>({ resolver: zodResolver(resetPasswordSchema), defaultValues: { new_password: '' } });
  const reset = useMutation({
    mutationFn: (body: ResetPasswordValues) =>
      unwrap(api.client.POST('/api/v1/users/{id}/password', { params: { path: { id: user.id } }, body })),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('users.passwordReset', { username: user.username }) });
      onClose();
    },
    onError: (error) => applyFieldErrors(error, form.setError, { fields: ['new_password'] }),
  });
  const message = form.formState.errors.new_password?.message;

  return (
    <Modal opened onClose={onClose} title={t('users.resetTitle', { username: user.username })}>
      <form noValidate onSubmit={(event) => void form.handleSubmit((values) => reset.mutate(values))(event)}>
        <Stack>
          <Text size="sm">{t('users.resetExplain')}</Text>
          {reset.isError && (
            <Alert color="red" role="alert">
              {problemMessage(t, reset.error)}
            </Alert>
          )}
          <PasswordInput
            label={t('users.fieldNewPassword')}
            description={t('users.fieldPasswordHint')}
            required
            autoComplete="new-password"
            error={message ? t(message) : undefined}
            {...form.register('new_password')}
          />
          <DialogActions onCancel={onClose} loading={reset.isPending} color="orange" label={t('users.resetPassword')} />
        </Stack>
      </form>
    </Modal>
  );
}

export function DisableUserModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const disable = useMutation({
    mutationFn: () => unwrap(api.client.POST('/api/v1/users/{id}/disable', { params: { path: { id: user.id } } })),
    onSuccess: (updated) => {
      notifications.show({ color: 'green', message: t('users.disabled', { username: updated.username }) });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });

  return (
    <Modal opened onClose={onClose} title={t('users.disableTitle', { username: user.username })}>
      <Stack>
        <Text size="sm">{t('users.disableExplain')}</Text>
        {disable.isError && (
          <Alert color="red" role="alert">
            {problemMessage(t, disable.error)}
          </Alert>
        )}
        <DialogActions
          onCancel={onClose}
          loading={disable.isPending}
          color="red"
          label={t('users.disable')}
          onConfirm={() => disable.mutate()}
        />
      </Stack>
    </Modal>
  );
}
