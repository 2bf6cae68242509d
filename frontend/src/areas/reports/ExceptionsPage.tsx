import { Badge, Group, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { exceptionClassValues } from '../../api/schema';
import { FigureTable, TotalFigure } from '../../components/FigureTable';
import { Loaded } from '../../components/Loaded';
import { formatRupiah } from '../../format';
import { useReportFilters } from './address';
import { useCsvDownload } from './download';
import type { ExceptionRow } from './model';
import { csvFileName, exceptionsQuery, REPORT_PATHS, type ExceptionsFilters } from './queries';
import { ReportFrame } from './ReportFrame';
import { formatCount, RIGHT } from './table';

/** The columns that say what broke which rule, before the money at stake. */
const COLUMNS = ['class', 'reference', 'detail'] as const;

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

  return (
    <ReportFrame checkpoint={report.data?.checkpoint} page="exceptions" title={t('exceptions.title')} intro={t('exceptions.intro')} filters={asked} setFilter={setFilter} download={download} withUnit={false}>
      <Loaded query={report} empty={(data) => (data.rows.length === 0 ? t('exceptions.none', { year }) : null)}>
        {(data) => (
          <>
            <Group gap="xs" aria-label={t('exceptions.summary')} role="list">
              {exceptionClassValues
                .filter((name) => (data.total.by_class[name] ?? 0) > 0)
                .map((name) => (
                  <Badge key={name} role="listitem" variant="light" color="orange" tt="none">
                    {t('exceptions.count', { label: t(`exceptionClass.${name}`), count: data.total.by_class[name] ?? 0 })}
                  </Badge>
                ))}
            </Group>
            <FigureTable
              minWidth={900}
              label={t('exceptions.tableLabel', { year })}
              names={COLUMNS.map((column) => t(`exceptions.col.${column}`))}
              figures={[t('exceptions.col.amount')]}
              total={t('exceptions.total', { count: data.total.items, items: formatCount(data.total.items) })}
              totals={<TotalFigure>{formatRupiah(data.total.amount.amount)}</TotalFigure>}
            >
              {byClass(data.rows).map((row) => (
                <Table.Tr key={`${row.class}-${row.record_id}-${row.reference}`}>
                  <Table.Td>{t(`exceptionClass.${row.class}`)}</Table.Td>
                  <Table.Th scope="row" fw="normal">
                    {row.reference}
                  </Table.Th>
                  <Table.Td>{row.detail}</Table.Td>
                  <Table.Td style={RIGHT}>{formatRupiah(row.amount.amount)}</Table.Td>
                </Table.Tr>
              ))}
            </FigureTable>
          </>
        )}
      </Loaded>
    </ReportFrame>
  );
}
