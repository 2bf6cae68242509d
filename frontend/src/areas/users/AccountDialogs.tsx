import { Alert, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../api/problem';
import { limits } from '../../api/limits';
import type { User } from '../../api/types';
import { DialogActions } from '../../components/DialogActions';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { useApiForm } from '../../hooks/useApiForm';
import { disableUser, resetPassword, userKeys } from './queries';
import { resetPasswordSchema } from './schemas';

export function ResetPasswordDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation('users');
  const passwordForm = useApiForm({
    schema: resetPasswordSchema,
    defaultValues: { new_password: '' },
    send: (body) => resetPassword(user, body),
    limits: limits.ResetPasswordRequest,
    onSuccess: () => {
      notifySaved(t('passwordReset', { username: user.username }));
      onClose();
    },
  });

  return (
    <FormDialog
      form={passwordForm}
      title={t('resetTitle', { username: user.username })}
      onClose={onClose}
      submitLabel={t('resetPassword')}
      color="orange"
    >
      <Text size="sm">{t('resetExplain')}</Text>
      <PasswordInput
        label={t('fieldNewPassword')}
        description={t('fieldPasswordHint', { min: limits.ResetPasswordRequest.new_password.minLength })}
        required
        autoComplete="new-password"
        error={passwordForm.fieldError('new_password')}
        {...passwordForm.form.register('new_password')}
      />
    </FormDialog>
  );
}

export function DisableUserDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation('users');
  const queryClient = useQueryClient();
  const disable = useMutation({
    mutationFn: () => disableUser(user),
    onSuccess: (updated) => {
      notifySaved(t('disabled', { username: updated.username }));
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
      onClose();
    },
  });

  return (
    <Modal opened onClose={onClose} title={t('disableTitle', { username: user.username })}>
      <Stack>
        <Text size="sm">{t('disableExplain')}</Text>
        {disable.isError && (
          <Alert color="red" role="alert">
            {problemMessage(t, disable.error)}
          </Alert>
        )}
        <DialogActions
          onCancel={onClose}
          loading={disable.isPending}
          color="red"
          label={t('disable')}
          onConfirm={() => disable.mutate()}
        />
      </Stack>
    </Modal>
  );
}
