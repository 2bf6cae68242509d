import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FigureTable, TotalFigure } from '../../components/FigureTable';
import { Loaded } from '../../components/Loaded';
import { formatRupiah } from '../../format';
import { basisPointsOf } from './amounts';
import { ChartBar, ChartOrTable, DashboardCard } from './display';
import { isLate, LATE_AFTER_DAYS, owedByAge, type AgeBucket, type OwedByAge as Summary } from './model';
import { owedQuery } from './queries';
import { formatCount, RIGHT } from './table';

/** Each bucket's colour: the older, the warmer; late ones stand out. */
const BUCKET_COLOR: Record<AgeBucket, string> = { days0to30: 'blue', days31to60: 'yellow', days61to90: 'orange', over90: 'red' };

function BucketBars({ owed }: { owed: Summary }) {
  const { t } = useTranslation('dashboard');
  return (
    <Stack gap={6} role="list" aria-label={t('owed.chartLabel')}>
      {owed.buckets.map(({ bucket, count, amount }) => {
        const late = isLate(bucket) && count > 0;
        const color = BUCKET_COLOR[bucket];
        return (
          <Group key={bucket} role="listitem" data-late={late || undefined} gap="sm" wrap="nowrap" align="center">
            <Group w={150} gap={6} wrap="nowrap">
              <Text size="sm" fw={late ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
                {t(`owed.bucket.${bucket}`)}
              </Text>
              {late && (
                <Badge color={color} variant="filled" size="xs" tt="none">
                  {t('owed.late')}
                </Badge>
              )}
            </Group>
            <ChartBar
              label={t(late ? 'owed.barLate' : 'owed.bar', { bucket: t(`owed.bucket.${bucket}`), orders: t('owed.orders', { count }), amount: formatRupiah(amount) })}
              basisPoints={basisPointsOf(amount, owed.total.amount)}
              color={`var(--mantine-color-${color}-${bucket === 'days0to30' ? 7 : 6})`}
              mark="amount"
            />
            <Stack gap={0} w={130} align="flex-end" aria-hidden>
              <Text size="sm" fw={late ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
                {formatRupiah(amount)}
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t('owed.orders', { count })}
              </Text>
            </Stack>
          </Group>
        );
      })}
    </Stack>
  );
}

function BucketTable({ owed, year }: { owed: Summary; year: number }) {
  const { t } = useTranslation('dashboard');
  return (
    <FigureTable
      label={t('owed.tableLabel', { year })}
      names={[t('owed.col.age')]}
      figures={[t('owed.col.orders'), t('owed.col.amount')]}
      total={t('total')}
      totals={
        <>
          <TotalFigure>{formatCount(owed.total.count)}</TotalFigure>
          <TotalFigure>{formatRupiah(owed.total.amount)}</TotalFigure>
        </>
      }
    >
      {owed.buckets.map(({ bucket, count, amount }) => {
        const late = isLate(bucket) && count > 0;
        return (
          <Table.Tr key={bucket} data-late={late || undefined} bg={late ? `var(--mantine-color-${BUCKET_COLOR[bucket]}-0)` : undefined}>
            <Table.Th scope="row" fw={late ? 600 : 'normal'}>
              {t(`owed.bucket.${bucket}`)}
              {late && ` (${t('owed.late')})`}
            </Table.Th>
            <Table.Td style={RIGHT}>{formatCount(count)}</Table.Td>
            <Table.Td style={RIGHT}>{formatRupiah(amount)}</Table.Td>
          </Table.Tr>
        );
      })}
    </FigureTable>
  );
}

/** What is late, in a sentence that stands out when anything is. */
function LateSummary({ owed }: { owed: Summary }) {
  const { t } = useTranslation('dashboard');
  if (owed.late.count === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('owed.noneLate', { days: LATE_AFTER_DAYS })}
      </Text>
    );
  }
  return (
    <Paper p="xs" radius="sm" bg="var(--mantine-color-orange-0)" style={{ borderLeft: '4px solid var(--mantine-color-orange-6)' }}>
      <Text size="sm" fw={600}>
        {t('owed.lateTitle', { days: LATE_AFTER_DAYS })}
      </Text>
      <Text size="sm">
        {t('owed.lateSummary', { orders: t('owed.orders', { count: owed.late.count }), amount: formatRupiah(owed.late.amount) })}
        {owed.oldestDays !== null && ` ${t('owed.oldest', { count: owed.oldestDays })}`}
      </Text>
    </Paper>
  );
}

/** Published work not yet paid, counted and added up by its age since it was published, late work called out. */
export function OwedByAge({ year }: { year: number }) {
  const { t } = useTranslation('dashboard');
  const query = useQuery(owedQuery(year));
  return (
    <DashboardCard title={t('owed.title')} more={{ to: `/finance/owed?year=${year}`, label: t('owed.more') }}>
      <Loaded query={query} empty={(items) => (items.length === 0 ? t('owed.none', { year }) : null)}>
        {(items) => {
          const owed = owedByAge(items);
          return (
            <>
              <Text size="sm">{t('owed.total', { amount: formatRupiah(owed.total.amount), orders: t('owed.orders', { count: owed.total.count }) })}</Text>
              <LateSummary owed={owed} />
              <ChartOrTable name={t('owed.title')} chart={<BucketBars owed={owed} />} table={<BucketTable owed={owed} year={year} />} />
            </>
          );
        }}
      </Loaded>
    </DashboardCard>
  );
}
