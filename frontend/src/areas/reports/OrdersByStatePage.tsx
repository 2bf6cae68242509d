import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TotalFigure } from '../../components/FigureTable';
import { Loaded } from '../../components/Loaded';
import { formatDay } from '../../format';
import { useReportFilters } from './address';
import { AgeingTable } from './AgeingTable';
import { OrderStateBadge } from './display';
import { useCsvDownload } from './download';
import { csvFileName, ordersByStateQuery, REPORT_PATHS } from './queries';
import { ReportFrame } from './ReportFrame';
import { formatCount, RIGHT } from './table';

/** How long ago the orders were issued, in the order the columns read. */
const AGES = ['aged_0_30', 'aged_31_60', 'aged_61_90', 'aged_over_90'] as const;

/**
 * The year's orders per state, in the order of an order's life: how many, their amount, how old the
 * oldest is and how many were issued within 30, 60, 90 days or longer ago, counted to the day the
 * server states; with the totals, and the same report as a CSV.
 */
export function OrdersByStatePage() {
  const { t } = useTranslation('reports');
  const { filters, setFilter } = useReportFilters();
  const report = useQuery(ordersByStateQuery(filters));
  const download = useCsvDownload(REPORT_PATHS.ordersByState, filters, csvFileName.ordersByState(filters));
  const year = filters.fiscal_year;

  return (
    <ReportFrame checkpoint={report.data?.checkpoint} page="ordersByState" title={t('ordersByState.title')} intro={t('ordersByState.intro')} filters={filters} setFilter={setFilter} download={download}>
      {report.isSuccess && <Text size="sm" c="dimmed">{t('ordersByState.asOf', { day: formatDay(report.data.as_of) })}</Text>}
      <Loaded query={report} empty={(data) => (data.rows.length === 0 ? t('ordersByState.none', { year }) : null)}>
        {(data) => (
          <AgeingTable
            minWidth={960}
            label={t('ordersByState.tableLabel', { year })}
            nameHeading={t('ordersByState.col.state')}
            heading={(column) => t(`ordersByState.col.${column}`)}
            ages={AGES}
            rows={data.rows}
            rowKey={(row) => row.state}
            rowName={(row) => <OrderStateBadge state={row.state} />}
            oldestTitle={(row) => (row.oldest_issued_on === null ? undefined : t('ordersByState.issuedOn', { day: formatDay(row.oldest_issued_on) }))}
            bucket={(age, row) =>
              row === null ? (
                <TotalFigure>{formatCount(data.rows.reduce((sum, each) => sum + each[age], 0))}</TotalFigure>
              ) : (
                <Table.Td style={RIGHT}>{formatCount(row[age])}</Table.Td>
              )
            }
            total={{ label: t('total'), ...data.total }}
          />
        )}
      </Loaded>
    </ReportFrame>
  );
}
