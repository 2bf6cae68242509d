import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../components/Loaded';
import { formatDay, formatRupiah } from '../../format';
import { useReportFilters } from './address';
import { AgeingTable } from './AgeingTable';
import { sumOf } from './amounts';
import { useCsvDownload } from './download';
import type { OwedCompanyRow, OwedTotal } from './model';
import { csvFileName, owedQuery, REPORT_PATHS } from './queries';
import { ReportFrame } from './ReportFrame';
import { RIGHT } from './table';

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
  const late = report.isSuccess ? lateOf(report.data.total) : '0';

  return (
    <ReportFrame checkpoint={report.data?.checkpoint} page="owed" title={t('owed.title')} intro={t('owed.intro')} filters={filters} setFilter={setFilter} download={download}>
      {report.isSuccess && <Text size="sm" c="dimmed">{t('owed.asOf', { day: formatDay(report.data.as_of) })}</Text>}
      <Loaded query={report} empty={(data) => (data.rows.length === 0 ? t('owed.none', { year }) : null)}>
        {(data) => (
          <>
            {BigInt(late) > 0n && (
              <Text size="sm" fw={500} c="orange.8">
                {t('owed.late', { amount: formatRupiah(late), total: formatRupiah(data.total.amount.amount) })}
              </Text>
            )}
            <AgeingTable
              minWidth={1100}
              label={t('owed.tableLabel', { year })}
              nameHeading={t('owed.col.company')}
              heading={(column) => t(`owed.col.${column}`)}
              ages={AGES}
              rows={data.rows}
              rowKey={(row) => row.company_id}
              rowName={(row) => row.company}
              oldestTitle={(row) => (row.oldest_since === null ? undefined : t('owed.since', { day: formatDay(row.oldest_since) }))}
              bucket={(age, row) => <OwedAmount age={age} amount={(row ?? data.total)[age].amount} strong={row === null} />}
              total={{ label: t('owed.total', { count: data.total.companies }), ...data.total }}
            />
          </>
        )}
      </Loaded>
    </ReportFrame>
  );
}
