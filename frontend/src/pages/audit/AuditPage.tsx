import { Group, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { jakartaDayToInstant } from '../../format';
import { AuditRow } from './AuditRow';
import { ChainCheck } from './ChainCheck';
import { ListFooter } from '../../components/ListFooter';

const ENTITY_TYPES = ['user', 'unit', 'session', 'organisation'] as const;

export function AuditPage() {
  const { t } = useTranslation();
  const [actionInput, setActionInput] = useState('');
  const [action] = useDebouncedValue(actionInput.trim(), 300);
  const [entityType, setEntityType] = useState<string | null>(null);
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const from = jakartaDayToInstant(fromDay);
  const to = jakartaDayToInstant(toDay, true);

  const events = useInfiniteQuery({
    queryKey: ['audit-events', { action, entityType, from, to }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.client.GET('/api/v1/audit-events', {
          params: {
            query: {
              limit: 50,
              cursor: pageParam,
              action: action === '' ? undefined : action,
              entity_type: entityType ?? undefined,
              from,
              to,
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>{t('audit.title')}</Title>
        <ChainCheck />
      </Group>

      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('audit.filterAction')}
          placeholder={t('audit.filterActionPlaceholder')}
          value={actionInput}
          onChange={(event) => setActionInput(event.currentTarget.value)}
          w={220}
        />
        <Select
          label={t('audit.filterEntity')}
          placeholder={t('common.all')}
          clearable
          data={ENTITY_TYPES.map((type) => ({ value: type, label: t(`audit.entity.${type}`) }))}
          value={entityType}
          onChange={setEntityType}
          w={180}
        />
        <TextInput label={t('audit.filterFrom')} type="date" value={fromDay} onChange={(event) => setFromDay(event.currentTarget.value)} />
        <TextInput label={t('audit.filterTo')} type="date" value={toDay} onChange={(event) => setToDay(event.currentTarget.value)} />
      </Group>

      {events.isError && <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />}

      <Table.ScrollContainer minWidth={760}>
        <Table highlightOnHover aria-label={t('audit.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={48} />
              <Table.Th>{t('audit.colSequence')}</Table.Th>
              <Table.Th>{t('audit.colTime')}</Table.Th>
              <Table.Th>{t('audit.colActor')}</Table.Th>
              <Table.Th>{t('audit.colAction')}</Table.Th>
              <Table.Th>{t('audit.colEntity')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((event) => (
              <AuditRow key={event.id} event={event} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={events} count={rows.length} />
    </Stack>
  );
}
