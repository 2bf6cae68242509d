import { Anchor, Button, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { invoiceStateValues } from '../../api/schema';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { ListFooter } from '../../components/ListFooter';
import { formatDay, formatRupiah } from '../../format';
import { usePagedList } from '../../hooks/usePagedList';
import { INVOICE_FILTERS, parseInvoiceFilters } from './address';
import { AreaHeader, InvoiceStateBadge, YearSelect } from './display';
import type { Invoice } from './model';
import { invoicePagesQuery } from './queries';
import { RecordInvoiceDialog } from './RecordInvoiceDialog';

function InvoiceRow({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('finance');
  return (
    <Table.Tr>
      <Table.Th scope="row" fw="normal">
        <Anchor component={Link} to={`/finance/invoices/${invoice.id}`} fw={500}>
          {invoice.number}
        </Anchor>
        <Text size="xs" c="dimmed">
          {t('orderCount', { count: invoice.lines.length })}
        </Text>
      </Table.Th>
      <Table.Td>{invoice.company_name}</Table.Td>
      <Table.Td>{formatDay(invoice.invoice_date)}</Table.Td>
      <Table.Td>
        <InvoiceStateBadge state={invoice.state} />
      </Table.Td>
      <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatRupiah(invoice.gross.amount)}</Table.Td>
      <Table.Td>
        {invoice.acceptance_number ? (
          <>
            <Text size="sm">{invoice.acceptance_number}</Text>
            {invoice.accepted_on && (
              <Text size="xs" c="dimmed">
                {formatDay(invoice.accepted_on)}
              </Text>
            )}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('notAccepted')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {invoice.payment ? (
          <>
            <Text size="sm">{invoice.payment.sp2d_number}</Text>
            <Text size="xs" c="dimmed">
              {formatDay(invoice.payment.sp2d_date)}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('notPaid')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** A fiscal year's invoices, filtered as the address says; the treasurer records new ones here. */
export function InvoicesPage() {
  const { t } = useTranslation('finance');
  const canRecord = useCan('invoices.manage');
  const list = usePagedList({ filters: INVOICE_FILTERS, query: (filters) => invoicePagesQuery(parseInvoiceFilters(filters)) });
  const filters = parseInvoiceFilters(list.filters);
  const year = filters.fiscal_year;
  const [recording, setRecording] = useState(false);

  return (
    <Stack>
      <AreaHeader page="invoices" actions={canRecord && <Button onClick={() => setRecording(true)}>{t('record.open')}</Button>} />

      <FilterBar list={list}>
        <YearSelect value={year} onChange={(next) => list.setFilter('year', String(next))} />
        <Select
          label={t('filter.state')}
          placeholder={t('common.all')}
          clearable
          data={invoiceStateValues.map((state) => ({ value: state, label: t(`invoiceState.${state}`) }))}
          value={filters.state ?? null}
          onChange={(value) => list.setFilter('state', value)}
          w={220}
        />
      </FilterBar>

      {list.query.isError && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} />}

      <Table.ScrollContainer minWidth={860}>
        <Table striped highlightOnHover aria-label={t('listLabel', { year })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.number')}</Table.Th>
              <Table.Th>{t('col.company')}</Table.Th>
              <Table.Th>{t('col.date')}</Table.Th>
              <Table.Th>{t('col.state')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('col.gross')}</Table.Th>
              <Table.Th>{t('col.acceptance')}</Table.Th>
              <Table.Th>{t('col.payment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((invoice) => (
              <InvoiceRow key={invoice.id} invoice={invoice} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={list.query} count={list.items.length} />

      {recording && <RecordInvoiceDialog onClose={() => setRecording(false)} />}
    </Stack>
  );
}
