import { Anchor, Button, Select, Stack, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { contentKindValues } from '../../api/schema';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { ListFooter } from '../../components/ListFooter';
import { formatDay } from '../../format';
import { usePagedList, useSearchFilter } from '../../hooks/usePagedList';
import { CONTENT_FILTERS, parseContentFilters } from './address';
import { ContentFormDialog } from './ContentFormDialog';
import { AreaHeader, KindBadge } from './display';
import { contentPagesQuery } from './queries';

/** The content bank: press releases and materials, filtered by kind and title as the address says. */
export function ContentListPage() {
  const { t } = useTranslation('content');
  const navigate = useNavigate();
  const canManage = useCan('content.manage');
  const list = usePagedList({ filters: CONTENT_FILTERS, query: (filters) => contentPagesQuery(parseContentFilters(filters)) });
  const filters = parseContentFilters(list.filters);
  const search = useSearchFilter(list, 'q');
  const [creating, setCreating] = useState(false);

  return (
    <Stack>
      <AreaHeader title={t('title')} intro={t('intro')} actions={canManage && <Button onClick={() => setCreating(true)}>{t('create')}</Button>} />

      <FilterBar list={list}>
        <Select
          label={t('filter.kind')}
          placeholder={t('common.all')}
          clearable
          data={contentKindValues.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
          value={filters.kind ?? null}
          onChange={(value) => list.setFilter('kind', value)}
          w={220}
        />
        <TextInput label={t('filter.q')} placeholder={t('filter.qPlaceholder')} w={320} {...search} />
      </FilterBar>

      {list.query.isError && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} />}

      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover aria-label={t('listLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.title')}</Table.Th>
              <Table.Th>{t('col.kind')}</Table.Th>
              <Table.Th>{t('col.releasedOn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/content/${item.id}`} size="sm" fw={500}>
                    {item.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <KindBadge kind={item.kind} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDay(item.released_on)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={list.query} count={list.items.length} />

      {creating && <ContentFormDialog onClose={() => setCreating(false)} onSaved={(item) => void navigate(`/content/${item.id}`)} />}
    </Stack>
  );
}
