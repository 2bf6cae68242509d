import { Anchor, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatRupiah } from '../../format';
import { useReportFilters } from './address';
import { sumOf } from './amounts';
import { AgreementStateBadge, UsedBar } from './display';
import { useCsvDownload } from './download';
import { agreementsQuery, csvFileName, REPORT_PATHS } from './queries';
import { ReportFrame } from './ReportFrame';
import { RIGHT } from './table';

/** The figures of a row, in the order the columns read. */
const FIGURES = ['ceiling', 'committed', 'realised', 'remaining'] as const;

/**
 * The year's agreements (drafts aside), in number order, each against its ceiling: what open orders
 * hold, what was paid, what remains and how much of the ceiling is used; with the totals, and the
 * same report as a CSV.
 */
export function AgreementsReportPage() {
  const { t } = useTranslation('reports');
  const { filters, setFilter } = useReportFilters();
  const report = useQuery(agreementsQuery(filters));
  const download = useCsvDownload(REPORT_PATHS.agreements, filters, csvFileName.agreements(filters));
  const year = filters.fiscal_year;

  return (
    <ReportFrame checkpoint={report.data?.checkpoint} page="agreements" title={t('agreements.title')} intro={t('agreements.intro')} filters={filters} setFilter={setFilter} download={download}>
      {report.isPending && <PageLoader />}
      {report.isError && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {report.isSuccess && report.data.rows.length === 0 && <Text c="dimmed">{t('agreements.none', { year })}</Text>}
      {report.isSuccess && report.data.rows.length > 0 && (
        <Table.ScrollContainer minWidth={1100}>
          <Table striped aria-label={t('agreements.tableLabel', { year })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agreements.col.number')}</Table.Th>
                <Table.Th>{t('agreements.col.company')}</Table.Th>
                <Table.Th>{t('agreements.col.outlet')}</Table.Th>
                <Table.Th>{t('agreements.col.budgetLine')}</Table.Th>
                <Table.Th>{t('agreements.col.state')}</Table.Th>
                {FIGURES.map((figure) => (
                  <Table.Th key={figure} style={RIGHT}>
                    {t(`agreements.col.${figure}`)}
                  </Table.Th>
                ))}
                <Table.Th style={RIGHT}>{t('agreements.col.used')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.data.rows.map((row) => (
                <Table.Tr key={row.agreement_id}>
                  <Table.Th scope="row" fw="normal">
                    <Anchor component={Link} to={`/agreements/${row.agreement_id}`} fw={500} size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {row.number}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{row.company}</Table.Td>
                  <Table.Td>{row.outlet}</Table.Td>
                  <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {row.budget_line_code}
                  </Table.Td>
                  <Table.Td>
                    <AgreementStateBadge state={row.state} />
                  </Table.Td>
                  {FIGURES.map((figure) => (
                    <Table.Td key={figure} style={RIGHT}>
                      {formatRupiah(row[figure].amount)}
                    </Table.Td>
                  ))}
                  <Table.Td>
                    <UsedBar used={sumOf(row.committed.amount, row.realised.amount)} ceiling={row.ceiling.amount} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row" colSpan={5}>
                  {t('agreements.total', { count: report.data.total.agreements })}
                </Table.Th>
                {FIGURES.map((figure) => (
                  <Table.Td key={figure} style={RIGHT} fw={700}>
                    {formatRupiah(report.data.total[figure].amount)}
                  </Table.Td>
                ))}
                <Table.Td>
                  <UsedBar used={sumOf(report.data.total.committed.amount, report.data.total.realised.amount)} ceiling={report.data.total.ceiling.amount} />
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </ReportFrame>
  );
}
