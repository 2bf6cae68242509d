import { Button, Menu } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../api/problem';
import type { User } from '../../api/types';
import { notifyFailed, notifySaved } from '../../components/notify';
import { enableUser, userKeys } from './queries';

/** The dialogs a user's actions open; enabling needs none. */
export type UserDialog = { kind: 'edit' | 'reset' | 'disable'; user: User };

interface UserActionsProps {
  user: User;
  /** The signed-in user, who may not disable themselves. */
  meId: string | undefined;
  onOpen: (dialog: UserDialog) => void;
}

/** The menu of changes to one user, for those who manage users. */
export function UserActions({ user, meId, onOpen }: UserActionsProps) {
  const { t } = useTranslation('users');
  const queryClient = useQueryClient();
  const enable = useMutation({
    mutationFn: enableUser,
    onSuccess: (enabled) => {
      notifySaved(t('enabled', { username: enabled.username }));
      void queryClient.invalidateQueries({ queryKey: userKeys.all });
    },
    onError: (error) => {
      notifyFailed(t('failed'), problemMessage(t, error));
    },
  });

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" aria-label={t('actionsFor', { username: user.username })}>
          {t('common.actions')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => onOpen({ kind: 'edit', user })}>{t('edit')}</Menu.Item>
        <Menu.Item onClick={() => onOpen({ kind: 'reset', user })}>{t('resetPassword')}</Menu.Item>
        {user.active ? (
          <Menu.Item color="red" disabled={user.id === meId} onClick={() => onOpen({ kind: 'disable', user })}>
            {t('disable')}
          </Menu.Item>
        ) : (
          <Menu.Item onClick={() => enable.mutate(user)}>{t('enable')}</Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
