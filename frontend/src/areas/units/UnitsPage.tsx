import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListFooter } from '../../components/ListFooter';
import { usePagedList } from '../../hooks/usePagedList';
import { unitPagesQuery } from './queries';
import { UnitFormDialog } from './UnitFormDialog';

/** Which dialog is open: adding a unit, or editing one. */
type Dialog = { unit?: Unit } | null;

export function UnitsPage() {
  const { t } = useTranslation('units');
  const canManage = useCan('units.manage');
  const units = usePagedList({ filters: [], query: unitPagesQuery });
  const [dialog, setDialog] = useState<Dialog>(null);

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('title')}</Title>
          <Text c="dimmed" size="sm" mt={4} maw={640}>
            {t('intro')}
          </Text>
        </div>
        {canManage && <Button onClick={() => setDialog({})}>{t('create')}</Button>}
      </Group>

      {units.query.isError && <ErrorAlert error={units.query.error} onRetry={() => void units.query.refetch()} />}

      <Table.ScrollContainer minWidth={480}>
        <Table striped highlightOnHover aria-label={t('title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>{t('colCode')}</Table.Th>
              <Table.Th>{t('colName')}</Table.Th>
              {canManage && <Table.Th w={120}>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {units.items.map((unit) => (
              <Table.Tr key={unit.id}>
                <Table.Td ff="monospace">{unit.code}</Table.Td>
                <Table.Td>{unit.name}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <Button size="xs" variant="default" aria-label={t('editFor', { code: unit.code })} onClick={() => setDialog({ unit })}>
                      {t('edit')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={units.query} count={units.items.length} />

      {dialog && <UnitFormDialog unit={dialog.unit} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
