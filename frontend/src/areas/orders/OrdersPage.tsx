import { Anchor, Button, Group, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { ListFooter } from '../../components/ListFooter';
import { formatDay, formatRupiah } from '../../format';
import { usePagedList } from '../../hooks/usePagedList';
import { ORDER_FILTERS, parseOrderFilters, useViewParam } from './address';
import { PageHeader, StateBadge, YearSelect } from './display';
import { IssueOrderDialog } from './IssueOrderDialog';
import { agreementName, type Order } from './model';
import { OrderBoard } from './OrderBoard';
import { orderPagesQuery, yearAgreementsQuery } from './queries';
import { useProductNames, type ProductNames } from './words';

function OrderList({ orders, names, year }: { orders: readonly Order[]; names: ProductNames; year: number }) {
  const { t } = useTranslation('orders');
  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table striped highlightOnHover aria-label={t('listLabel', { year })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('col.number')}</Table.Th>
            <Table.Th>{t('col.outlet')}</Table.Th>
            <Table.Th>{t('col.subject')}</Table.Th>
            <Table.Th ta="right">{t('col.quantity')}</Table.Th>
            <Table.Th ta="right">{t('col.amount')}</Table.Th>
            <Table.Th>{t('col.due')}</Table.Th>
            <Table.Th>{t('col.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.map((order) => (
            <Table.Tr key={order.id}>
              <Table.Td>
                <Anchor component={Link} to={`/orders/${order.id}`} size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {order.number}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {order.agreement_number}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{order.outlet_name}</Text>
                <Text size="xs" c="dimmed">
                  {order.company_name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{order.subject}</Text>
                <Text size="xs" c="dimmed">
                  {names.name(order.product)}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{order.quantity}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatRupiah(order.amount.amount)}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{t('due', { from: formatDay(order.due_from), until: formatDay(order.due_until) })}</Table.Td>
              <Table.Td>
                <StateBadge state={order.state} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A fiscal year's orders as a board by state or as a list, filtered as the address says; officers issue orders here. */
export function OrdersPage() {
  const { t } = useTranslation('orders');
  const canManage = useCan('orders.manage');
  const canReadAgreements = useCan('agreements.read');
  const list = usePagedList({ filters: ORDER_FILTERS, query: (filters) => orderPagesQuery(parseOrderFilters(filters)) });
  const filters = parseOrderFilters(list.filters);
  const year = filters.fiscal_year;
  const [view, setView] = useViewParam();
  const agreements = useQuery({ ...yearAgreementsQuery(year), enabled: canReadAgreements });
  const names = useProductNames({ year });
  const [issuing, setIssuing] = useState(false);

  return (
    <Stack>
      <PageHeader title={t('title')} intro={t('intro')} actions={canManage && <Button onClick={() => setIssuing(true)}>{t('issue.open')}</Button>} />

      <Group justify="space-between" align="flex-end">
        <FilterBar list={list}>
          <YearSelect value={year} onChange={(next) => list.setFilter('year', String(next))} />
          {canReadAgreements && (
            <Select
              label={t('filter.agreement')}
              placeholder={t('common.all')}
              clearable
              searchable
              disabled={agreements.isPending}
              data={(agreements.data ?? []).map((agreement) => ({ value: agreement.id, label: agreementName(agreement) }))}
              value={filters.agreement_id ?? null}
              onChange={(value) => list.setFilter('agreement', value)}
              w={380}
            />
          )}
        </FilterBar>
        <SegmentedControl
          aria-label={t('view.label')}
          value={view}
          onChange={(next) => setView(next === 'list' ? 'list' : 'board')}
          data={[
            { value: 'board', label: t('view.board') },
            { value: 'list', label: t('view.list') },
          ]}
        />
      </Group>

      {list.query.isError && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} />}

      {view === 'board' ? (
        list.query.isSuccess && list.items.length > 0 && <OrderBoard orders={list.items} names={names} />
      ) : (
        <OrderList orders={list.items} names={names} year={year} />
      )}

      <ListFooter query={list.query} count={list.items.length} />

      {issuing && <IssueOrderDialog agreementId={filters.agreement_id} onClose={() => setIssuing(false)} />}
    </Stack>
  );
}
