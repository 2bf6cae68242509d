import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDay, formatRupiah } from '../../format';
import { useReportFilters } from './address';
import { sumOf } from './amounts';
import { useCsvDownload } from './download';
import type { OwedCompanyRow, OwedTotal } from './model';
import { csvFileName, owedQuery, REPORT_PATHS } from './queries';
import { ReportFrame } from './ReportFrame';
import { formatCount, RIGHT } from './table';

/** How long the work has waited for its payment since it was published, in the order the columns read. */
const AGES = ['owed_0_30', 'owed_31_60', 'owed_61_90', 'owed_over_90'] as const;
type Age = (typeof AGES)[number];

/** The colour an amount that has waited longer than 30 days is shown in; the longer, the stronger. */
const LATE: Partial<Record<Age, string>> = {
  owed_31_60: 'yellow.9',
  owed_61_90: 'orange.8',
  owed_over_90: 'red.8',
};

/** What has waited longer than 30 days, of a row or the total. */
function lateOf(owed: OwedCompanyRow | OwedTotal): string {
  return sumOf(owed.owed_31_60.amount, owed.owed_61_90.amount, owed.owed_over_90.amount);
}

/** The oldest age of the rows that have one, or null when none has. */
function oldestOf(rows: OwedCompanyRow[]): number | null {
  return rows.reduce<number | null>((oldest, row) => (row.oldest_age_days !== null && (oldest === null || row.oldest_age_days > oldest) ? row.oldest_age_days : oldest), null);
}

/** An amount owed in one age column: those older than 30 days, when there are any, stand out. */
function OwedAmount({ age, amount, strong = false }: { age: Age; amount: string; strong?: boolean }) {
  const late = LATE[age] !== undefined && BigInt(amount) > 0n;
  return (
    <Table.Td style={RIGHT} fw={strong || late ? 700 : undefined} c={late ? LATE[age] : undefined} data-late={late ? '' : undefined}>
      {formatRupiah(amount)}
    </Table.Td>
  );
}

/**
 * Per company, what is owed for the year's work published and not yet paid, largest first: how
 * many orders, how much, since when, and how much has waited up to 30, 60, 90 days or longer,
 * counted to the day the server states, amounts older than 30 days standing out; with the totals,
 * and the same report as a CSV.
 */
export function OwedPage() {
  const { t } = useTranslation('reports');
  const { filters, setFilter } = useReportFilters();
  const report = useQuery(owedQuery(filters));
  const download = useCsvDownload(REPORT_PATHS.owed, filters, csvFileName.owed(filters));
  const year = filters.fiscal_year;
  const days = (age: number | null) => (age === null ? '—' : t('ordersByState.days', { count: age, days: formatCount(age) }));
  const late = report.isSuccess ? lateOf(report.data.total) : '0';

  return (
    <ReportFrame checkpoint={report.data?.checkpoint} page="owed" title={t('owed.title')} intro={t('owed.intro')} filters={filters} setFilter={setFilter} download={download}>
      {report.isPending && <PageLoader />}
      {report.isError && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {report.isSuccess && (
        <Text size="sm" c="dimmed">
          {t('owed.asOf', { day: formatDay(report.data.as_of) })}
        </Text>
      )}
      {report.isSuccess && report.data.rows.length === 0 && <Text c="dimmed">{t('owed.none', { year })}</Text>}
      {report.isSuccess && report.data.rows.length > 0 && BigInt(late) > 0n && (
        <Text size="sm" fw={500} c="orange.8">
          {t('owed.late', { amount: formatRupiah(late), total: formatRupiah(report.data.total.amount.amount) })}
        </Text>
      )}
      {report.isSuccess && report.data.rows.length > 0 && (
        <Table.ScrollContainer minWidth={1100}>
          <Table striped aria-label={t('owed.tableLabel', { year })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('owed.col.company')}</Table.Th>
                <Table.Th style={RIGHT}>{t('owed.col.orders')}</Table.Th>
                <Table.Th style={RIGHT}>{t('owed.col.amount')}</Table.Th>
                <Table.Th style={RIGHT}>{t('owed.col.oldest')}</Table.Th>
                {AGES.map((age) => (
                  <Table.Th key={age} style={RIGHT}>
                    {t(`owed.col.${age}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.data.rows.map((row) => (
                <Table.Tr key={row.company_id}>
                  <Table.Th scope="row" fw="normal">
                    {row.company}
                  </Table.Th>
                  <Table.Td style={RIGHT}>{formatCount(row.orders)}</Table.Td>
                  <Table.Td style={RIGHT}>{formatRupiah(row.amount.amount)}</Table.Td>
                  <Table.Td style={RIGHT} title={row.oldest_since === null ? undefined : t('owed.since', { day: formatDay(row.oldest_since) })}>
                    {days(row.oldest_age_days)}
                  </Table.Td>
                  {AGES.map((age) => (
                    <OwedAmount key={age} age={age} amount={row[age].amount} />
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t('owed.total', { count: report.data.total.companies })}</Table.Th>
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
                  <OwedAmount key={age} age={age} amount={report.data.total[age].amount} strong />
                ))}
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </ReportFrame>
  );
}
