import { Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FigureTable, TotalFigure } from '../../components/FigureTable';
import { Loaded } from '../../components/Loaded';
import { formatBasisPoints, formatRupiah } from '../../format';
import { basisPointsOf } from './amounts';
import { ChartBar, ChartOrTable, DashboardCard } from './display';
import { topOutlets, TOP_OUTLETS } from './model';
import { realisationQuery } from './queries';
import { RIGHT } from './table';

/** One bar of the chart: a named outlet, or the others added up. */
interface Bar {
  key: string;
  label: string;
  realised: string;
  others: boolean;
}

function OutletBars({ bars, total }: { bars: Bar[]; total: string }) {
  const { t } = useTranslation('dashboard');
  return (
    <Stack gap={6} role="list" aria-label={t('outlet.chartLabel')}>
      {bars.map((bar) => {
        const basisPoints = basisPointsOf(bar.realised, total);
        const share = formatBasisPoints(basisPoints);
        return (
          <Group key={bar.key} role="listitem" gap="sm" wrap="nowrap" align="center">
            <Text size="sm" w={180} truncate="end" title={bar.label} fs={bar.others ? 'italic' : undefined}>
              {bar.label}
            </Text>
            <ChartBar
              label={t('outlet.bar', { name: bar.label, realised: formatRupiah(bar.realised), share })}
              basisPoints={basisPoints}
              color={bar.others ? 'var(--mantine-color-gray-5)' : 'var(--mantine-color-blue-7)'}
              mark="share"
            />
            <Text size="sm" w={130} ta="right" style={{ whiteSpace: 'nowrap' }} aria-hidden>
              {formatRupiah(bar.realised)}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}

function OutletTable({ bars, total, year }: { bars: Bar[]; total: string; year: number }) {
  const { t } = useTranslation('dashboard');
  return (
    <FigureTable
      label={t('outlet.tableLabel', { year })}
      names={[t('outlet.col.outlet')]}
      figures={[t('outlet.col.realised'), t('outlet.col.share')]}
      total={t('total')}
      totals={
        <>
          <TotalFigure>{formatRupiah(total)}</TotalFigure>
          <Table.Td />
        </>
      }
    >
      {bars.map((bar) => (
        <Table.Tr key={bar.key}>
          <Table.Th scope="row" fw="normal">
            {bar.label}
          </Table.Th>
          <Table.Td style={RIGHT}>{formatRupiah(bar.realised)}</Table.Td>
          <Table.Td style={RIGHT}>{formatBasisPoints(basisPointsOf(bar.realised, total))}</Table.Td>
        </Table.Tr>
      ))}
    </FigureTable>
  );
}

/** The outlets paid most in the year, largest first, and the rest added up as one bar. */
export function SpendPerOutlet({ year }: { year: number }) {
  const { t } = useTranslation('dashboard');
  const report = useQuery(realisationQuery(year, 'outlet'));
  return (
    <DashboardCard title={t('outlet.title', { top: TOP_OUTLETS })} more={{ to: `/reports?year=${year}&by=outlet`, label: t('outlet.more') }}>
      <Loaded query={report} empty={(data) => (data.rows.length === 0 ? t('outlet.none', { year }) : null)}>
        {(data) => {
          const { top, others } = topOutlets(data.rows);
          const bars: Bar[] = [
            ...top.map((outlet) => ({ ...outlet, others: false })),
            ...(others ? [{ key: 'others', label: t('outlet.others', { count: others.count }), realised: others.realised, others: true }] : []),
          ];
          const total = data.total.realised.amount;
          return (
            <>
              <Text size="sm">{t('outlet.total', { total: formatRupiah(total), count: data.rows.length })}</Text>
              <ChartOrTable name={t('outlet.name')} chart={<OutletBars bars={bars} total={total} />} table={<OutletTable bars={bars} total={total} year={year} />} />
            </>
          );
        }}
      </Loaded>
    </DashboardCard>
  );
}
