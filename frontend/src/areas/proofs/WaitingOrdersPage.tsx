import { Anchor, Stack, Table, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { ListFooter } from '../../components/ListFooter';
import { formatDay, formatRupiah } from '../../format';
import { usePagedList } from '../../hooks/usePagedList';
import { parseWaitingFilters, WAITING_FILTERS } from './address';
import { AreaHeader, OrderStateBadge, YearFilter } from './display';
import { WAITING_STATES, type Order } from './model';
import { waitingOrdersQuery } from './queries';

function OrderRow({ order }: { order: Order }) {
  const { t } = useTranslation('proofs');
  return (
    <Table.Tr>
      <Table.Th scope="row" fw="normal">
        <Anchor component={Link} to={`/proofs/orders/${order.id}`} fw={500}>
          {order.number}
        </Anchor>
        <Text size="xs" c="dimmed" lineClamp={2}>
          {order.subject}
        </Text>
      </Table.Th>
      <Table.Td>
        <Text size="sm">{order.outlet_name}</Text>
        <Text size="xs" c="dimmed">
          {t(`mediaType.${order.media_type}`)} · {order.company_name}
        </Text>
      </Table.Td>
      <Table.Td>{t('units', { count: order.quantity })}</Table.Td>
      <Table.Td>{t('window', { from: formatDay(order.due_from), until: formatDay(order.due_until) })}</Table.Td>
      <Table.Td>{order.published_on ? formatDay(order.published_on) : <Text span size="sm" c="dimmed">{t('notPublished')}</Text>}</Table.Td>
      <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatRupiah(order.amount.amount)}</Table.Td>
      <Table.Td>
        <OrderStateBadge state={order.state} />
        {order.state === 'proof_rejected' && order.last_reason && (
          <Text size="xs" c="dimmed" mt={4} lineClamp={2}>
            {order.last_reason}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The orders whose proofs wait: for a review (the verifier's queue), for another proof after a
 * rejection, or for a first proof. Which, and the fiscal year, are in the address.
 */
export function WaitingOrdersPage() {
  const { t } = useTranslation('proofs');
  const list = usePagedList({ filters: WAITING_FILTERS, query: (filters) => waitingOrdersQuery(parseWaitingFilters(filters)) });
  const filters = parseWaitingFilters(list.filters);

  return (
    <Stack>
      <AreaHeader title={t('title')} intro={t('intro')} />
      <Tabs
        value={filters.state}
        onChange={(next) => {
          const state = WAITING_STATES.find((candidate) => candidate === next);
          // The review queue is the page's own address: it needs no parameter.
          if (state) list.setFilter('state', state === 'published' ? null : state);
        }}
      >
        <Tabs.List>
          {WAITING_STATES.map((state) => (
            <Tabs.Tab key={state} value={state}>
              {t(`waiting.${state}.tab`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Text size="sm" c="dimmed">
        {t(`waiting.${filters.state}.explain`)}
      </Text>

      <FilterBar list={{ hasFilters: list.filters.year !== undefined, clearFilters: () => list.setFilter('year', null) }}>
        <YearFilter value={filters.fiscal_year} onChange={(year) => list.setFilter('year', year)} />
      </FilterBar>

      {list.query.isError && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} />}

      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover aria-label={t(`waiting.${filters.state}.label`)}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.order')}</Table.Th>
              <Table.Th>{t('col.outlet')}</Table.Th>
              <Table.Th>{t('col.quantity')}</Table.Th>
              <Table.Th>{t('col.window')}</Table.Th>
              <Table.Th>{t('col.published')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('col.amount')}</Table.Th>
              <Table.Th>{t('col.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((order) => (
              <OrderRow key={order.id} order={order} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={list.query} count={list.items.length} />
    </Stack>
  );
}
