import { Select, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { realisationDimensionValues } from '../../api/schema';
import { PageLoader } from '../../components/PageLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatRupiah } from '../../format';
import { useRealisationFilters } from './address';
import { RowName } from './display';
import { formatCount, RIGHT } from './table';
import { useCsvDownload } from './download';
import { csvFileName, realisationQuery, REPORT_PATHS } from './queries';
import { ReportFrame } from './ReportFrame';
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

  return (
    <ReportFrame checkpoint={report.data?.checkpoint}
      page="realisation"
      title={t('title')}
      intro={t('intro')}
      filters={filters}
      setFilter={setFilter}
      download={download}
      extraFilters={(change) => (
        <Select
          label={t('filter.by')}
          allowDeselect={false}
          data={realisationDimensionValues.map((by) => ({ value: by, label: t(`dimension.${by}`) }))}
          value={filters.by}
          onChange={(by) => change('by', by)}
          w={220}
        />
      )}
    >
      {report.isPending && <PageLoader />}
      {report.isError && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {report.isSuccess && report.data.rows.length === 0 && <Text c="dimmed">{t('none', { year })}</Text>}
      {report.isSuccess && report.data.rows.length > 0 && (
        <>
          <RealisationShareChart report={report.data} />
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-label={t('tableLabel', { year, by: dimension })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{dimension}</Table.Th>
                  <Table.Th style={RIGHT}>{t('col.orders')}</Table.Th>
                  {FIGURES.map((figure) => (
                    <Table.Th key={figure} style={RIGHT}>
                      {t(`col.${figure}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.data.rows.map((row) => (
                  <Table.Tr key={row.key}>
                    <Table.Th scope="row" fw="normal">
                      <RowName row={row} by={report.data.by} />
                    </Table.Th>
                    <Table.Td style={RIGHT}>{formatCount(row.orders)}</Table.Td>
                    {FIGURES.map((figure) => (
                      <Table.Td key={figure} style={RIGHT}>
                        {formatRupiah(row[figure].amount)}
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
                  {FIGURES.map((figure) => (
                    <Table.Td key={figure} style={RIGHT} fw={700}>
                      {formatRupiah(report.data.total[figure].amount)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </ReportFrame>
  );
}
