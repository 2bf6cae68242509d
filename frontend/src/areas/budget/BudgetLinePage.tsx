import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import { useCan, useMe } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotFoundPage } from '../../components/NotFoundPage';
import { PageLoader } from '../../components/PageLoader';
import { formatInstant, formatRupiah } from '../../format';
import { EditLineDialog, ReviseCeilingDialog } from './BudgetLineDialogs';
import { FactTable } from './display';
import type { BudgetLine, BudgetLineRevision } from './model';
import { budgetLineQuery, revisionsQuery } from './queries';
import { RemainingBar, RemainingText } from './RemainingChart';

/** Who revised a ceiling: the reader by name, or another user by id. */
function Actor({ revision }: { revision: BudgetLineRevision }) {
  const { t } = useTranslation('budget');
  const me = useMe();
  if (revision.actor_id === null) return <Text size="sm">{t('revisions.system')}</Text>;
  if (revision.actor_id === me.data?.id) return <Text size="sm">{t('revisions.you', { name: me.data.full_name })}</Text>;
  return (
    <Text size="xs" ff="monospace" title={revision.actor_id}>
      {revision.actor_id}
    </Text>
  );
}

/** The ceiling's revisions, oldest first: from what to what, why, and by whom. */
function Revisions({ line }: { line: BudgetLine }) {
  const { t } = useTranslation('budget');
  const revisions = useQuery(revisionsQuery(line.id));
  const title = t('revisions.title');
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack>
        <Title order={2} size="h3">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {t('revisions.original', { amount: formatRupiah(line.original_ceiling.amount), at: formatInstant(line.created_at) })}
        </Text>
        {revisions.isPending && <PageLoader />}
        {revisions.isError && <ErrorAlert error={revisions.error} onRetry={() => void revisions.refetch()} />}
        {revisions.data && revisions.data.length === 0 && <Text c="dimmed">{t('revisions.none')}</Text>}
        {revisions.data && revisions.data.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-label={t('revisions.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('revisions.colNumber')}</Table.Th>
                  <Table.Th>{t('revisions.colAt')}</Table.Th>
                  <Table.Th ta="right">{t('revisions.colFrom')}</Table.Th>
                  <Table.Th ta="right">{t('revisions.colTo')}</Table.Th>
                  <Table.Th>{t('revisions.colReason')}</Table.Th>
                  <Table.Th>{t('revisions.colActor')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {revisions.data.map((revision) => (
                  <Table.Tr key={revision.number}>
                    <Table.Td>{revision.number}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatInstant(revision.at)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatRupiah(revision.from_ceiling.amount)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatRupiah(revision.to_ceiling.amount)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {revision.reason}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Actor revision={revision} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

type Dialog = 'edit' | 'revise' | null;

function LineView({ line }: { line: BudgetLine }) {
  const { t } = useTranslation('budget');
  const canManage = useCan('budget.manage');
  const [dialog, setDialog] = useState<Dialog>(null);
  const money = (figure: 'original_ceiling' | 'ceiling' | 'allocated' | 'unallocated' | 'committed' | 'realised' | 'remaining') => formatRupiah(line[figure].amount);

  return (
    <Stack>
      <Anchor component={Link} to={`/budget?year=${line.fiscal_year}`} size="sm">
        {t('backToList')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1}>{line.name}</Title>
          <Group gap="xs">
            <Badge variant="outline" color="gray" tt="none" ff="monospace">
              {line.account_code}
            </Badge>
            <Badge variant="outline" color="gray" tt="none">
              {line.unit_code}
            </Badge>
            <Badge variant="outline" color="gray" tt="none">
              {t('yearShort', { year: line.fiscal_year })}
            </Badge>
          </Group>
        </Stack>
        {canManage && (
          <Group gap="xs">
            <Button variant="default" onClick={() => setDialog('edit')}>
              {t('edit')}
            </Button>
            <Button onClick={() => setDialog('revise')}>{t('revise')}</Button>
          </Group>
        )}
      </Group>

      <Paper withBorder p="md" component="section" aria-label={t('remainingTitle')}>
        <Stack gap="xs">
          <Group justify="space-between" align="flex-end">
            <Title order={2} size="h4">
              {t('remainingTitle')}
            </Title>
            <RemainingText line={line} />
          </Group>
          <RemainingBar line={line} />
        </Stack>
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
        <FactTable
          label={t('section.line')}
          rows={[
            [t('field.unit'), `${line.unit_code} — ${line.unit_name}`],
            [t('fiscalYear'), String(line.fiscal_year)],
            [t('field.accountCode'), <Text key="code" size="sm" ff="monospace">{line.account_code}</Text>],
            [t('field.name'), line.name],
            [t('field.originalCeiling'), money('original_ceiling')],
            [t('field.revisions'), line.revisions === 0 ? t('notRevised') : t('revisedTimes', { count: line.revisions })],
            [t('field.updatedAt'), formatInstant(line.updated_at)],
          ]}
        />
        <FactTable
          label={t('section.figures')}
          rows={[
            [t('col.ceiling'), money('ceiling')],
            [t('col.allocated'), money('allocated')],
            [t('col.unallocated'), money('unallocated')],
            [t('col.committed'), money('committed')],
            [t('col.realised'), money('realised')],
            [t('col.remaining'), <Text key="remaining" size="sm" fw={600}>{money('remaining')}</Text>],
          ]}
        />
      </SimpleGrid>

      <Revisions line={line} />

      {dialog === 'edit' && <EditLineDialog line={line} onClose={() => setDialog(null)} />}
      {dialog === 'revise' && <ReviseCeilingDialog line={line} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

/** One budget line: what it holds and what is left of it, its corrections and its ceiling's revisions. */
export function BudgetLinePage() {
  const { id = '' } = useParams();
  const line = useQuery(budgetLineQuery(id));
  if (line.isPending) return <PageLoader />;
  if (line.isError) {
    // A mistyped or foreign id: the server knows no such line in this organisation.
    if (line.error instanceof ApiError && (line.error.status === 404 || line.error.status === 400)) return <NotFoundPage />;
    return <ErrorAlert error={line.error} onRetry={() => void line.refetch()} />;
  }
  return <LineView line={line.data} />;
}
