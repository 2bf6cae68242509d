import { Badge, Button, Group, Menu, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { problemMessage } from '../../api/problem';
import { ROLES, type Role, type User } from '../../api/types';
import { useMe } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DisableUserModal, ResetPasswordModal } from './AccountModals';
import { CreateUserModal, EditUserModal } from './UserFormModals';
import { unitLabel, useUnits } from './useUnits';
import { ListFooter } from '../../components/ListFooter';

type Dialog = { kind: 'edit' | 'reset' | 'disable'; user: User } | null;
type ActiveFilter = 'true' | 'false' | null;

export function UsersPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const units = useUnits();
  const [role, setRole] = useState<Role | null>(null);
  const [active, setActive] = useState<ActiveFilter>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);

  const users = useInfiniteQuery({
    queryKey: ['users', { role, active, q }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.client.GET('/api/v1/users', {
          params: {
            query: {
              limit: 20,
              cursor: pageParam,
              role: role ?? undefined,
              active: active === null ? undefined : active === 'true',
              q: q === '' ? undefined : q,
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

  const enable = useMutation({
    mutationFn: (user: User) => unwrap(api.client.POST('/api/v1/users/{id}/enable', { params: { path: { id: user.id } } })),
    onSuccess: (user) => {
      notifications.show({ color: 'green', message: t('users.enabled', { username: user.username }) });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (error) => notifications.show({ color: 'red', title: t('users.failed'), message: problemMessage(t, error) }),
  });

  const unitName = (id: string | null | undefined) => {
    if (id == null) return t('common.none');
    const unit = units.data?.find((u) => u.id === id);
    return unit ? unitLabel(unit) : t('common.none');
  };
  const rows = users.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('users.title')}</Title>
        <Button onClick={() => setCreating(true)}>{t('users.create')}</Button>
      </Group>

      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('users.filterSearch')}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={280}
        />
        <Select
          label={t('users.filterRole')}
          placeholder={t('common.all')}
          clearable
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role}
          onChange={setRole}
          w={180}
        />
        <Select
          label={t('users.filterActive')}
          placeholder={t('common.all')}
          clearable
          data={[
            { value: 'true', label: t('users.statusActive') },
            { value: 'false', label: t('users.statusInactive') },
          ]}
          value={active}
          onChange={setActive}
          w={160}
        />
      </Group>

      {users.isError && <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />}

      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover aria-label={t('users.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.colUsername')}</Table.Th>
              <Table.Th>{t('users.colFullName')}</Table.Th>
              <Table.Th>{t('users.colEmail')}</Table.Th>
              <Table.Th>{t('users.colRole')}</Table.Th>
              <Table.Th>{t('users.colUnit')}</Table.Th>
              <Table.Th>{t('users.colStatus')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>{user.username}</Table.Td>
                <Table.Td>{user.full_name}</Table.Td>
                <Table.Td>{user.email ?? t('common.none')}</Table.Td>
                <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
                <Table.Td>{unitName(user.unit_id)}</Table.Td>
                <Table.Td>
                  <Badge color={user.active ? 'green' : 'gray'} variant="light">
                    {user.active ? t('users.statusActive') : t('users.statusInactive')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <Button size="xs" variant="default" aria-label={t('users.actionsFor', { username: user.username })}>
                        {t('common.actions')}
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => setDialog({ kind: 'edit', user })}>{t('users.edit')}</Menu.Item>
                      <Menu.Item onClick={() => setDialog({ kind: 'reset', user })}>{t('users.resetPassword')}</Menu.Item>
                      {user.active ? (
                        <Menu.Item color="red" disabled={user.id === me?.id} onClick={() => setDialog({ kind: 'disable', user })}>
                          {t('users.disable')}
                        </Menu.Item>
                      ) : (
                        <Menu.Item onClick={() => enable.mutate(user)}>{t('users.enable')}</Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={users} count={rows.length} />

      <CreateUserModal opened={creating} onClose={() => setCreating(false)} />
      {dialog?.kind === 'edit' && <EditUserModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reset' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'disable' && <DisableUserModal user={dialog.user} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
