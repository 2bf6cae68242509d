import { Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FigureTable, TotalFigure } from '../../components/FigureTable';
import { Loaded } from '../../components/Loaded';
import { formatBasisPoints, formatRupiah } from '../../format';
import { ChartBar, ChartOrTable, DashboardCard } from './display';
import type { FairnessReport } from './model';
import { tierSpendQuery } from './queries';
import { RIGHT } from './table';

/** All of the year's payments, in the basis points a share (and a bar's length) is measured in. */
const WHOLE = 10_000;

/** A share as the server gives it (0.1234) in basis points (1234). */
const basisPointsOf = (share: number) => Math.round(share * WHOLE);

function TierBars({ report }: { report: FairnessReport }) {
  const { t } = useTranslation('dashboard');
  return (
    <Stack gap={6} role="list" aria-label={t('tier.chartLabel')}>
      {report.rows.map((row) => {
        const basisPoints = basisPointsOf(row.share);
        const share = formatBasisPoints(basisPoints);
        const label = t('tier.label', { tier: row.label });
        return (
          <Group key={row.key} role="listitem" gap="sm" wrap="nowrap" align="center">
            <Text size="sm" w={180} truncate="end" title={label}>
              {label}
            </Text>
            <ChartBar
              label={t('tier.bar', { tier: row.label, realised: formatRupiah(row.realised.amount), share, count: row.outlets })}
              basisPoints={basisPoints}
              color="var(--mantine-color-teal-7)"
              mark="share"
            />
            <Text size="sm" w={130} ta="right" style={{ whiteSpace: 'nowrap' }} aria-hidden>
              {formatRupiah(row.realised.amount)}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}

function TierTable({ report }: { report: FairnessReport }) {
  const { t } = useTranslation('dashboard');
  return (
    <FigureTable
      label={t('tier.tableLabel', { year: report.fiscal_year })}
      names={[t('tier.col.tier')]}
      figures={[t('tier.col.outlets'), t('tier.col.realised'), t('tier.col.share')]}
      total={t('total')}
      totals={
        <>
          <Table.Td />
          <TotalFigure>{formatRupiah(report.total.realised.amount)}</TotalFigure>
          <Table.Td />
        </>
      }
    >
      {report.rows.map((row) => (
        <Table.Tr key={row.key}>
          <Table.Th scope="row" fw="normal">
            {t('tier.label', { tier: row.label })}
          </Table.Th>
          <Table.Td style={RIGHT}>{row.outlets}</Table.Td>
          <Table.Td style={RIGHT}>{formatRupiah(row.realised.amount)}</Table.Td>
          <Table.Td style={RIGHT}>{formatBasisPoints(basisPointsOf(row.share))}</Table.Td>
        </Table.Tr>
      ))}
    </FigureTable>
  );
}

/** What the year's agreements paid out per tier of the rate card, largest first. */
export function SpendPerTier({ year }: { year: number }) {
  const { t } = useTranslation('dashboard');
  const report = useQuery(tierSpendQuery(year));
  return (
    <DashboardCard title={t('tier.title')} more={{ to: `/reports/fairness?year=${year}&by=tier`, label: t('tier.more') }}>
      <Loaded query={report} empty={(data) => (data.rows.length === 0 ? t('tier.none', { year }) : null)}>
        {(data) => <ChartOrTable name={t('tier.title')} chart={<TierBars report={data} />} table={<TierTable report={data} />} />}
      </Loaded>
    </DashboardCard>
  );
}
