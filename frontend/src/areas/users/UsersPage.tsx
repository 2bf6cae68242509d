import { Badge, Button, Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleValues } from '../../api/schema';
import { allUnitsQuery, unitLabel } from '../../api/units';
import { useCan, useMe } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { ListFooter } from '../../components/ListFooter';
import { usePagedList, useSearchFilter } from '../../hooks/usePagedList';
import { DisableUserDialog, ResetPasswordDialog } from './AccountDialogs';
import { parseUserFilters, USER_FILTERS, userPagesQuery } from './queries';
import { UserActions, type UserDialog } from './UserActions';
import { CreateUserDialog, EditUserDialog } from './UserFormDialogs';

export function UsersPage() {
  const { t } = useTranslation('users');
  const { data: me } = useMe();
  // Auditors read the list; only those who manage users see the ways to change them.
  const canManage = useCan('users.manage');
  const units = useQuery(allUnitsQuery());
  const users = usePagedList({ filters: USER_FILTERS, query: (filters) => userPagesQuery(parseUserFilters(filters)) });
  const search = useSearchFilter(users, 'q');
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<UserDialog | null>(null);

  const unitName = (id: string | null | undefined) => {
    const unit = id == null ? undefined : units.data?.find((u) => u.id === id);
    return unit ? unitLabel(unit) : t('common.none');
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('title')}</Title>
        {canManage && <Button onClick={() => setCreating(true)}>{t('create')}</Button>}
      </Group>

      <FilterBar list={users}>
        <TextInput label={t('filterSearch')} type="search" w={280} {...search} />
        <Select
          label={t('filterRole')}
          placeholder={t('common.all')}
          clearable
          data={roleValues.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={users.filters.role ?? null}
          onChange={(role) => users.setFilter('role', role)}
          w={180}
        />
        <Select
          label={t('filterActive')}
          placeholder={t('common.all')}
          clearable
          data={[
            { value: 'true', label: t('statusActive') },
            { value: 'false', label: t('statusInactive') },
          ]}
          value={users.filters.active ?? null}
          onChange={(active) => users.setFilter('active', active)}
          w={160}
        />
      </FilterBar>

      {users.query.isError && <ErrorAlert error={users.query.error} onRetry={() => void users.query.refetch()} />}

      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover aria-label={t('title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('colUsername')}</Table.Th>
              <Table.Th>{t('colFullName')}</Table.Th>
              <Table.Th>{t('colEmail')}</Table.Th>
              <Table.Th>{t('colRole')}</Table.Th>
              <Table.Th>{t('colUnit')}</Table.Th>
              <Table.Th>{t('colStatus')}</Table.Th>
              {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.items.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>{user.username}</Table.Td>
                <Table.Td>{user.full_name}</Table.Td>
                <Table.Td>{user.email ?? t('common.none')}</Table.Td>
                <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
                <Table.Td>{unitName(user.unit_id)}</Table.Td>
                <Table.Td>
                  <Badge color={user.active ? 'green' : 'gray'} variant="light">
                    {user.active ? t('statusActive') : t('statusInactive')}
                  </Badge>
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    <UserActions user={user} meId={me?.id} onOpen={setDialog} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={users.query} count={users.items.length} />

      {canManage && <CreateUserDialog opened={creating} onClose={() => setCreating(false)} />}
      {dialog?.kind === 'edit' && <EditUserDialog user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reset' && <ResetPasswordDialog user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'disable' && <DisableUserDialog user={dialog.user} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
