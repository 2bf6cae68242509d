import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDay, formatRupiah } from '../../format';
import { useReportFilters } from './address';
import { OrderStateBadge } from './display';
import { useCsvDownload } from './download';
import type { OrdersInStateRow } from './model';
import { csvFileName, ordersByStateQuery, REPORT_PATHS } from './queries';
import { ReportFrame } from './ReportFrame';
import { formatCount, RIGHT } from './table';

/** How long ago the orders were issued, in the order the columns read. */
const AGES = ['aged_0_30', 'aged_31_60', 'aged_61_90', 'aged_over_90'] as const;

/** The oldest age of the rows that have one, or null when none has. */
function oldestOf(rows: OrdersInStateRow[]): number | null {
  return rows.reduce<number | null>((oldest, row) => (row.oldest_age_days !== null && (oldest === null || row.oldest_age_days > oldest) ? row.oldest_age_days : oldest), null);
}

/**
 * The year's orders per state, in the order of an order's life: how many, their amount, how old the
 * oldest is and how many were issued within 30, 60, 90 days or longer ago, counted to the day the
 * server states; with the totals, and the same report as a CSV.
 */
export function OrdersByStatePage() {
  const { t } = useTranslation('reports');
  const { filters, setFilter } = useReportFilters();
  const report = useQuery(ordersByStateQuery(filters));
  const download = useCsvDownload(REPORT_PATHS.ordersByState, filters, csvFileName.ordersByState(filters));
  const year = filters.fiscal_year;
  const days = (age: number | null) => (age === null ? '—' : t('ordersByState.days', { count: age, days: formatCount(age) }));

  return (
    <ReportFrame checkpoint={report.data?.checkpoint} page="ordersByState" title={t('ordersByState.title')} intro={t('ordersByState.intro')} filters={filters} setFilter={setFilter} download={download}>
      {report.isPending && <PageLoader />}
      {report.isError && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {report.isSuccess && (
        <Text size="sm" c="dimmed">
          {t('ordersByState.asOf', { day: formatDay(report.data.as_of) })}
        </Text>
      )}
      {report.isSuccess && report.data.rows.length === 0 && <Text c="dimmed">{t('ordersByState.none', { year })}</Text>}
      {report.isSuccess && report.data.rows.length > 0 && (
        <Table.ScrollContainer minWidth={960}>
          <Table striped aria-label={t('ordersByState.tableLabel', { year })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ordersByState.col.state')}</Table.Th>
                <Table.Th style={RIGHT}>{t('ordersByState.col.orders')}</Table.Th>
                <Table.Th style={RIGHT}>{t('ordersByState.col.amount')}</Table.Th>
                <Table.Th style={RIGHT}>{t('ordersByState.col.oldest')}</Table.Th>
                {AGES.map((age) => (
                  <Table.Th key={age} style={RIGHT}>
                    {t(`ordersByState.col.${age}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.data.rows.map((row) => (
                <Table.Tr key={row.state}>
                  <Table.Th scope="row" fw="normal">
                    <OrderStateBadge state={row.state} />
                  </Table.Th>
                  <Table.Td style={RIGHT}>{formatCount(row.orders)}</Table.Td>
                  <Table.Td style={RIGHT}>{formatRupiah(row.amount.amount)}</Table.Td>
                  <Table.Td style={RIGHT} title={row.oldest_issued_on === null ? undefined : t('ordersByState.issuedOn', { day: formatDay(row.oldest_issued_on) })}>
                    {days(row.oldest_age_days)}
                  </Table.Td>
                  {AGES.map((age) => (
                    <Table.Td key={age} style={RIGHT}>
                      {formatCount(row[age])}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t('total')}</Table.Th>
                <Table.Td style={RIGHT} fw={700}>
                  {formatCount(report.data.total.orders)}
                </Table.Td>
                <Table.Td style={RIGHT} fw={700}>
                  {formatRupiah(report.data.total.amount.amount)}
                </Table.Td>
                <Table.Td style={RIGHT} fw={700}>
                  {days(oldestOf(report.data.rows))}
                </Table.Td>
                {AGES.map((age) => (
                  <Table.Td key={age} style={RIGHT} fw={700}>
                    {formatCount(report.data.rows.reduce((sum, row) => sum + row[age], 0))}
                  </Table.Td>
                ))}
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </ReportFrame>
  );
}
