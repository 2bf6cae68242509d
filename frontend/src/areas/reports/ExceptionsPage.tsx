import { Badge, Group, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { exceptionClassValues } from '../../api/schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatRupiah } from '../../format';
import { useReportFilters } from './address';
import { useCsvDownload } from './download';
import type { ExceptionRow } from './model';
import { csvFileName, exceptionsQuery, REPORT_PATHS, type ExceptionsFilters } from './queries';
import { ReportFrame } from './ReportFrame';
import { formatCount, RIGHT } from './table';

/** The rows in the order of the classes (as the server answers), each class by reference. */
function byClass(rows: readonly ExceptionRow[]): ExceptionRow[] {
  const order = (row: ExceptionRow) => exceptionClassValues.indexOf(row.class);
  return [...rows].sort((a, b) => order(a) - order(b) || a.reference.localeCompare(b.reference));
}

/**
 * The imported history's records of a fiscal year that break a rule auditors check, class by
 * class: the class, the record's number, what broke and the money at stake; with the count per
 * class and the total, and the same report as a CSV. Records entered through Mitra never appear.
 */
export function ExceptionsPage() {
  const { t } = useTranslation('reports');
  const { filters, setFilter } = useReportFilters();
  const asked: ExceptionsFilters = { fiscal_year: filters.fiscal_year };
  const report = useQuery(exceptionsQuery(asked));
  const download = useCsvDownload(REPORT_PATHS.exceptions, asked, csvFileName.exceptions(asked));
  const year = asked.fiscal_year;
  const counts = report.isSuccess ? exceptionClassValues.filter((name) => (report.data.total.by_class[name] ?? 0) > 0) : [];

  return (
    <ReportFrame checkpoint={report.data?.checkpoint} page="exceptions" title={t('exceptions.title')} intro={t('exceptions.intro')} filters={asked} setFilter={setFilter} download={download} withUnit={false}>
      {report.isPending && <PageLoader />}
      {report.isError && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {report.isSuccess && report.data.rows.length === 0 && <Text c="dimmed">{t('exceptions.none', { year })}</Text>}
      {report.isSuccess && report.data.rows.length > 0 && (
        <Group gap="xs" aria-label={t('exceptions.summary')} role="list">
          {counts.map((name) => (
            <Badge key={name} role="listitem" variant="light" color="orange" tt="none">
              {t('exceptions.count', { label: t(`exceptionClass.${name}`), count: report.data.total.by_class[name] ?? 0 })}
            </Badge>
          ))}
        </Group>
      )}
      {report.isSuccess && report.data.rows.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label={t('exceptions.tableLabel', { year })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('exceptions.col.class')}</Table.Th>
                <Table.Th>{t('exceptions.col.reference')}</Table.Th>
                <Table.Th>{t('exceptions.col.detail')}</Table.Th>
                <Table.Th style={RIGHT}>{t('exceptions.col.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {byClass(report.data.rows).map((row) => (
                <Table.Tr key={`${row.class}-${row.record_id}-${row.reference}`}>
                  <Table.Td>{t(`exceptionClass.${row.class}`)}</Table.Td>
                  <Table.Th scope="row" fw="normal">
                    {row.reference}
                  </Table.Th>
                  <Table.Td>{row.detail}</Table.Td>
                  <Table.Td style={RIGHT}>{formatRupiah(row.amount.amount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row" colSpan={3}>
                  {t('exceptions.total', { count: report.data.total.items, items: formatCount(report.data.total.items) })}
                </Table.Th>
                <Table.Td style={RIGHT} fw={700}>
                  {formatRupiah(report.data.total.amount.amount)}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </ReportFrame>
  );
}
