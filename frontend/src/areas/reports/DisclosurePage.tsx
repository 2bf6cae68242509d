import { Select, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatRupiah } from '../../format';
import { QUARTERS, useDisclosureFilters } from './address';
import { useCsvDownload } from './download';
import { csvFileName, disclosureQuery, REPORT_PATHS } from './queries';
import { ReportFrame } from './ReportFrame';
import { formatCount, RIGHT } from './table';

/** The quarter picker's value for the whole year. */
const WHOLE_YEAR = 'all';

/**
 * The quarterly media disclosure: what the public body paid per quarter (by the day of payment),
 * unit, media owner and outlet, for the whole year or one quarter; with the totals, and the same
 * report as a CSV, the form in which it is published. It is the whole body's, never one unit's.
 */
export function DisclosurePage() {
  const { t } = useTranslation('reports');
  const { filters, setFilter } = useDisclosureFilters();
  const report = useQuery(disclosureQuery(filters));
  const download = useCsvDownload(REPORT_PATHS.disclosure, filters, csvFileName.disclosure(filters));
  const year = filters.fiscal_year;
  const period = filters.quarter === undefined ? t('disclosure.wholeYear', { year }) : t('disclosure.quarterOf', { year, quarter: filters.quarter });

  return (
    <ReportFrame checkpoint={report.data?.checkpoint}
      page="disclosure"
      title={t('disclosure.title')}
      intro={t('disclosure.intro')}
      filters={filters}
      setFilter={setFilter}
      download={download}
      withUnit={false}
      extraFilters={(change) => (
        <Select
          label={t('disclosure.filter.quarter')}
          allowDeselect={false}
          data={[
            { value: WHOLE_YEAR, label: t('disclosure.quarter.all') },
            ...QUARTERS.map((quarter) => ({ value: String(quarter), label: t('disclosure.quarter.one', { quarter }) })),
          ]}
          value={filters.quarter === undefined ? WHOLE_YEAR : String(filters.quarter)}
          onChange={(quarter) => change('quarter', quarter === WHOLE_YEAR ? null : quarter)}
          w={200}
        />
      )}
    >
      {report.isPending && <PageLoader />}
      {report.isError && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {report.isSuccess && report.data.rows.length === 0 && <Text c="dimmed">{t('disclosure.none', { period })}</Text>}
      {report.isSuccess && report.data.rows.length > 0 && (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped aria-label={t('disclosure.tableLabel', { period })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('disclosure.col.period')}</Table.Th>
                <Table.Th>{t('disclosure.col.publicBody')}</Table.Th>
                <Table.Th>{t('disclosure.col.unit')}</Table.Th>
                <Table.Th>{t('disclosure.col.mediaOwner')}</Table.Th>
                <Table.Th>{t('disclosure.col.outlet')}</Table.Th>
                <Table.Th>{t('disclosure.col.mediaType')}</Table.Th>
                <Table.Th style={RIGHT}>{t('disclosure.col.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.data.rows.map((row) => (
                <Table.Tr key={`${row.period}|${row.unit}|${row.media_owner}|${row.outlet}`}>
                  <Table.Th scope="row" fw="normal" style={{ whiteSpace: 'nowrap' }}>
                    {row.period}
                  </Table.Th>
                  <Table.Td>{row.public_body}</Table.Td>
                  <Table.Td>{row.unit}</Table.Td>
                  <Table.Td>{row.media_owner}</Table.Td>
                  <Table.Td>{row.outlet}</Table.Td>
                  <Table.Td>{t(`mediaType.${row.media_type}`)}</Table.Td>
                  <Table.Td style={RIGHT}>{formatRupiah(row.amount.amount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row" colSpan={6}>
                  {t('disclosure.total', { count: report.data.total.entries, entries: formatCount(report.data.total.entries) })}
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
