import { Button, Select, Stack, Table, Text, Group } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { realisationDimensionValues } from '../../api/schema';
import { saveBlob } from '../../api/files';
import { allUnitsQuery, unitLabel } from '../../api/units';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { formatRupiah } from '../../format';
import { useReportFilters } from './address';
import { RowName, YearSelect } from './display';
import { realisationCsv, realisationFileName, realisationQuery } from './queries';
import { ShareChart } from './ShareChart';

const RIGHT = { textAlign: 'right', whiteSpace: 'nowrap' } as const;

const count = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** The figures of a row, in the order the columns read. */
const FIGURES = ['amount', 'vat', 'realised'] as const;

/**
 * What was paid in a fiscal year, added up per outlet, company, month, budget line or unit, largest
 * first, with each group's share of the whole and the year's total; the same report as a CSV.
 */
export function RealisationPage() {
  const { t } = useTranslation('reports');
  const canReadUnits = useCan('units.read');
  const { filters, setFilter } = useReportFilters();
  const report = useQuery(realisationQuery(filters));
  const units = useQuery({ ...allUnitsQuery(), enabled: canReadUnits });
  const download = useMutation({
    mutationFn: () => realisationCsv(filters),
    onSuccess: (blob) => saveBlob(blob, realisationFileName(filters)),
  });
  const change = (name: 'year' | 'by' | 'unit', value: string | null) => {
    download.reset();
    setFilter(name, value);
  };
  const year = filters.fiscal_year;
  const dimension = t(`dimension.${filters.by}`);

  return (
    <Stack>
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          <Button variant="default" loading={download.isPending} onClick={() => download.mutate()}>
            {t('download')}
          </Button>
        }
      />
      {download.isError && <ErrorAlert title={t('downloadFailed')} error={download.error} onRetry={() => download.mutate()} />}

      <Group align="flex-end" wrap="wrap">
        <YearSelect value={year} onChange={(next) => change('year', String(next))} />
        <Select
          label={t('filter.by')}
          allowDeselect={false}
          data={realisationDimensionValues.map((by) => ({ value: by, label: t(`dimension.${by}`) }))}
          value={filters.by}
          onChange={(by) => change('by', by)}
          w={220}
        />
        {canReadUnits && (
          <Select
            label={t('filter.unit')}
            placeholder={t('common.all')}
            clearable
            searchable
            disabled={units.isPending}
            data={(units.data ?? []).map((unit) => ({ value: unit.id, label: unitLabel(unit) }))}
            value={filters.unit_id ?? null}
            onChange={(unit) => change('unit', unit)}
            w={320}
          />
        )}
      </Group>

      {report.isPending && <PageLoader />}
      {report.isError && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {report.isSuccess && report.data.rows.length === 0 && <Text c="dimmed">{t('none', { year })}</Text>}
      {report.isSuccess && report.data.rows.length > 0 && (
        <>
          <ShareChart report={report.data} />
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
                    <Table.Td style={RIGHT}>{count.format(row.orders)}</Table.Td>
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
                    {count.format(report.data.total.orders)}
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
    </Stack>
  );
}
