import { Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { entityTypeValues } from '../../api/schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { ListFooter } from '../../components/ListFooter';
import { usePagedList } from '../../hooks/usePagedList';
import { ActionFilter } from './ActionFilter';
import { AuditRow } from './AuditRow';
import { ChainCheck } from './ChainCheck';
import { Checkpoints } from './Checkpoints';
import { AUDIT_FILTERS, auditEventPagesQuery, parseAuditFilters } from './queries';

export function AuditPage() {
  const { t } = useTranslation('audit');
  const events = usePagedList({ filters: AUDIT_FILTERS, query: (filters) => auditEventPagesQuery(parseAuditFilters(filters)) });

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>{t('title')}</Title>
        <ChainCheck />
      </Group>

      <Checkpoints />

      <FilterBar list={events}>
        <ActionFilter value={events.filters.action ?? null} onChange={(action) => events.setFilter('action', action)} />
        <Select
          label={t('filterEntity')}
          placeholder={t('common.all')}
          clearable
          data={entityTypeValues.map((type) => ({ value: type, label: t(`entity.${type}`) }))}
          value={events.filters.entity_type ?? null}
          onChange={(type) => events.setFilter('entity_type', type)}
          w={180}
        />
        <TextInput
          label={t('filterFrom')}
          type="date"
          value={events.filters.from ?? ''}
          onChange={(event) => events.setFilter('from', event.currentTarget.value)}
        />
        <TextInput
          label={t('filterTo')}
          type="date"
          value={events.filters.to ?? ''}
          onChange={(event) => events.setFilter('to', event.currentTarget.value)}
        />
      </FilterBar>

      {events.query.isError && <ErrorAlert error={events.query.error} onRetry={() => void events.query.refetch()} />}

      <Table.ScrollContainer minWidth={760}>
        <Table highlightOnHover aria-label={t('title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={48} />
              <Table.Th>{t('colSequence')}</Table.Th>
              <Table.Th>{t('colTime')}</Table.Th>
              <Table.Th>{t('colActor')}</Table.Th>
              <Table.Th>{t('colAction')}</Table.Th>
              <Table.Th>{t('colEntity')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.items.map((event) => (
              <AuditRow key={event.id} event={event} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={events.query} count={events.items.length} />
    </Stack>
  );
}
