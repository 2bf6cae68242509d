import { Box, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FigureTable, TotalFigure } from '../../components/FigureTable';
import { Loaded } from '../../components/Loaded';
import { formatRupiah } from '../../format';
import { basisPointsOf, largestOf } from './amounts';
import { ChartOrTable, DashboardCard } from './display';
import { monthsOfYear, type MonthSpend } from './model';
import { useMonthNames } from './months';
import { realisationQuery } from './queries';
import { RIGHT } from './table';

/** The height of a bar, in the units its length is measured in (basis points of the largest month). */
const WHOLE = 10_000;

function MonthBars({ months }: { months: MonthSpend[] }) {
  const { t } = useTranslation('dashboard');
  const name = useMonthNames();
  const largest = largestOf(months.map((month) => month.realised));
  return (
    <Box
      role="list"
      aria-label={t('month.chartLabel')}
      style={{ display: 'grid', gridTemplateColumns: 'repeat(12, minmax(0, 1fr))', gap: 4, alignItems: 'end' }}
    >
      {months.map((month) => {
        const height = basisPointsOf(month.realised, largest);
        return (
          <Stack key={month.key} role="listitem" gap={2} align="stretch">
            <svg
              role="img"
              aria-label={t('month.bar', { month: name.long(month.key), realised: formatRupiah(month.realised) })}
              viewBox={`0 0 10 ${WHOLE}`}
              preserveAspectRatio="none"
              width="100%"
              height={140}
              style={{ display: 'block' }}
            >
              <rect x={0} y={0} width={10} height={WHOLE} fill="var(--mantine-color-gray-1)" />
              {height > 0 && <rect data-realised x={1} y={WHOLE - height} width={8} height={height} fill="var(--mantine-color-blue-7)" />}
            </svg>
            <Text size="xs" ta="center" c="dimmed" aria-hidden>
              {name.short(month.key)}
            </Text>
          </Stack>
        );
      })}
    </Box>
  );
}

function MonthTable({ months, total, year }: { months: MonthSpend[]; total: string; year: number }) {
  const { t } = useTranslation('dashboard');
  const name = useMonthNames();
  return (
    <FigureTable label={t('month.tableLabel', { year })} names={[t('month.col.month')]} figures={[t('month.col.realised')]} total={t('total')} totals={<TotalFigure>{formatRupiah(total)}</TotalFigure>}>
      {months.map((month) => (
        <Table.Tr key={month.key}>
          <Table.Th scope="row" fw="normal">
            {name.long(month.key)}
          </Table.Th>
          <Table.Td style={RIGHT}>{formatRupiah(month.realised)}</Table.Td>
        </Table.Tr>
      ))}
    </FigureTable>
  );
}

/** What was paid in each month of the year, as twelve bars (a month without payments has none). */
export function SpendPerMonth({ year }: { year: number }) {
  const { t } = useTranslation('dashboard');
  const report = useQuery(realisationQuery(year, 'month'));
  return (
    <DashboardCard title={t('month.title')} more={{ to: `/reports?year=${year}&by=month`, label: t('month.more') }}>
      <Loaded query={report} empty={(data) => (data.rows.length === 0 ? t('month.none', { year }) : null)}>
        {(data) => {
          const months = monthsOfYear(year, data.rows);
          const total = data.total.realised.amount;
          return (
            <>
              <Text size="sm">{t('month.total', { total: formatRupiah(total) })}</Text>
              <ChartOrTable name={t('month.title')} chart={<MonthBars months={months} />} table={<MonthTable months={months} total={total} year={year} />} />
            </>
          );
        }}
      </Loaded>
    </DashboardCard>
  );
}
