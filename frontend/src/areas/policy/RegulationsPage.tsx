import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Regulation } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListFooter } from '../../components/ListFooter';
import { formatDay } from '../../format';
import { usePagedList } from '../../hooks/usePagedList';
import { regulationPagesQuery } from './queries';
import { RegulationFormDialog } from './RegulationFormDialog';

/** Which dialog is open: recording a regulation, or correcting one. */
type Dialog = { regulation?: Regulation } | null;

/** The regulations the region's policy rests on. */
export function RegulationsPage() {
  const { t } = useTranslation('policy');
  const canManage = useCan('policy.manage');
  const regulations = usePagedList({ filters: [], query: regulationPagesQuery });
  const [dialog, setDialog] = useState<Dialog>(null);
  const day = (value: string | null) => (value ? formatDay(value) : t('common.none'));

  return (
    <Stack>
      <Anchor component={Link} to="/policy" size="sm">
        {t('back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('regulationsTitle')}</Title>
          <Text c="dimmed" size="sm" mt={4} maw={640}>
            {t('regulationsIntro')}
          </Text>
        </div>
        {canManage && <Button onClick={() => setDialog({})}>{t('regulationCreate')}</Button>}
      </Group>

      {regulations.query.isError && <ErrorAlert error={regulations.query.error} onRetry={() => void regulations.query.refetch()} />}

      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover aria-label={t('regulationsTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fieldKind')}</Table.Th>
              <Table.Th>{t('fieldNumber')}</Table.Th>
              <Table.Th>{t('fieldYear')}</Table.Th>
              <Table.Th>{t('fieldTitle')}</Table.Th>
              <Table.Th>{t('colEffective')}</Table.Th>
              {canManage && <Table.Th w={120}>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {regulations.items.map((regulation) => (
              <Table.Tr key={regulation.id}>
                <Table.Td>{t(`regulationKind.${regulation.kind}`)}</Table.Td>
                <Table.Td>{regulation.number}</Table.Td>
                <Table.Td>{regulation.year}</Table.Td>
                <Table.Td>{regulation.title}</Table.Td>
                <Table.Td>{t('effective', { from: day(regulation.effective_from), until: day(regulation.effective_until) })}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('regulationEditFor', { number: regulation.number, year: regulation.year })}
                      onClick={() => setDialog({ regulation })}
                    >
                      {t('edit')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={regulations.query} count={regulations.items.length} />

      {dialog && <RegulationFormDialog regulation={dialog.regulation} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
