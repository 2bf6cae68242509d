import { Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { realisationDimensionValues } from '../../api/schema';
import { FigureTable, TotalFigure } from '../../components/FigureTable';
import { Loaded } from '../../components/Loaded';
import { formatRupiah } from '../../format';
import { useRealisationFilters } from './address';
import { RowName } from './display';
import { formatCount, RIGHT } from './table';
import { useCsvDownload } from './download';
import { csvFileName, realisationQuery, REPORT_PATHS } from './queries';
import { DimensionFilter, ReportFrame, type ChangeFilter } from './ReportFrame';
import { RealisationShareChart } from './ShareChart';

/** The figures of a row, in the order the columns read. */
const FIGURES = ['amount', 'vat', 'realised'] as const;

/**
 * What was paid in a fiscal year, added up per outlet, company, month, budget line or unit, largest
 * first, with each group's share of the whole and the year's total; the same report as a CSV.
 */
export function RealisationPage() {
  const { t } = useTranslation('reports');
  const { filters, setFilter } = useRealisationFilters();
  const report = useQuery(realisationQuery(filters));
  const download = useCsvDownload(REPORT_PATHS.realisation, filters, csvFileName.realisation(filters));
  const year = filters.fiscal_year;
  const dimension = t(`dimension.${filters.by}`);
  const byFilter = (change: ChangeFilter) => <DimensionFilter label={t('filter.by')} dimensions={realisationDimensionValues} nameOf={(by) => t(`dimension.${by}`)} value={filters.by} onChange={change} />;

  return (
    <ReportFrame checkpoint={report.data?.checkpoint} page="realisation" title={t('title')} intro={t('intro')} filters={filters} setFilter={setFilter} download={download} extraFilters={byFilter}>
      <Loaded query={report} empty={(data) => (data.rows.length === 0 ? t('none', { year }) : null)}>
        {(data) => (
          <>
            <RealisationShareChart report={data} />
            <FigureTable
              minWidth={760}
              label={t('tableLabel', { year, by: dimension })}
              names={[dimension]}
              figures={[t('col.orders'), ...FIGURES.map((figure) => t(`col.${figure}`))]}
              total={t('total')}
              totals={
                <>
                  <TotalFigure>{formatCount(data.total.orders)}</TotalFigure>
                  {FIGURES.map((figure) => (
                    <TotalFigure key={figure}>{formatRupiah(data.total[figure].amount)}</TotalFigure>
                  ))}
                </>
              }
            >
              {data.rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row" fw="normal">
                    <RowName row={row} by={data.by} />
                  </Table.Th>
                  <Table.Td style={RIGHT}>{formatCount(row.orders)}</Table.Td>
                  {FIGURES.map((figure) => (
                    <Table.Td key={figure} style={RIGHT}>
                      {formatRupiah(row[figure].amount)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </FigureTable>
          </>
        )}
      </Loaded>
    </ReportFrame>
  );
}
