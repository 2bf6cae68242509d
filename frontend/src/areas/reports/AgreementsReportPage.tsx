import { Anchor, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FigureTable, TotalFigure } from '../../components/FigureTable';
import { Loaded } from '../../components/Loaded';
import { formatRupiah } from '../../format';
import { useReportFilters } from './address';
import { sumOf } from './amounts';
import { AgreementStateBadge, UsedBar } from './display';
import { useCsvDownload } from './download';
import { agreementsQuery, csvFileName, REPORT_PATHS } from './queries';
import { ReportFrame } from './ReportFrame';
import { RIGHT } from './table';

/** The columns that name an agreement, before its figures. */
const COLUMNS = ['number', 'company', 'outlet', 'budgetLine', 'state'] as const;

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
      <Loaded query={report} empty={(data) => (data.rows.length === 0 ? t('agreements.none', { year }) : null)}>
        {(data) => (
          <FigureTable
            minWidth={1100}
            label={t('agreements.tableLabel', { year })}
            names={COLUMNS.map((column) => t(`agreements.col.${column}`))}
            figures={[...FIGURES, 'used' as const].map((figure) => t(`agreements.col.${figure}`))}
            total={t('agreements.total', { count: data.total.agreements })}
            totals={
              <>
                {FIGURES.map((figure) => (
                  <TotalFigure key={figure}>{formatRupiah(data.total[figure].amount)}</TotalFigure>
                ))}
                <Table.Td>
                  <UsedBar used={sumOf(data.total.committed.amount, data.total.realised.amount)} ceiling={data.total.ceiling.amount} />
                </Table.Td>
              </>
            }
          >
            {data.rows.map((row) => (
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
          </FigureTable>
        )}
      </Loaded>
    </ReportFrame>
  );
}
