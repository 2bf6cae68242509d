import { Select, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FigureTable, TotalFigure } from '../../components/FigureTable';
import { Loaded } from '../../components/Loaded';
import { formatRupiah } from '../../format';
import { QUARTERS, useDisclosureFilters } from './address';
import { useCsvDownload } from './download';
import { csvFileName, disclosureQuery, REPORT_PATHS } from './queries';
import { ReportFrame, type ChangeFilter } from './ReportFrame';
import { formatCount, RIGHT } from './table';

/** The quarter picker's value for the whole year. */
const WHOLE_YEAR = 'all';

/** The columns that say what was paid to whom, before the amount. */
const COLUMNS = ['period', 'publicBody', 'unit', 'mediaOwner', 'outlet', 'mediaType'] as const;

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

  const quarterFilter = (change: ChangeFilter) => (
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
  );

  return (
    <ReportFrame checkpoint={report.data?.checkpoint} page="disclosure" title={t('disclosure.title')} intro={t('disclosure.intro')} filters={filters} setFilter={setFilter} download={download} withUnit={false} extraFilters={quarterFilter}>
      <Loaded query={report} empty={(data) => (data.rows.length === 0 ? t('disclosure.none', { period }) : null)}>
        {(data) => (
          <FigureTable
            minWidth={1000}
            label={t('disclosure.tableLabel', { period })}
            names={COLUMNS.map((column) => t(`disclosure.col.${column}`))}
            figures={[t('disclosure.col.amount')]}
            total={t('disclosure.total', { count: data.total.entries, entries: formatCount(data.total.entries) })}
            totals={<TotalFigure>{formatRupiah(data.total.amount.amount)}</TotalFigure>}
          >
            {data.rows.map((row) => (
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
          </FigureTable>
        )}
      </Loaded>
    </ReportFrame>
  );
}
