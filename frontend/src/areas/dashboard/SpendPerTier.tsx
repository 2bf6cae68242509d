import { Box, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatBasisPoints, formatRupiah } from '../../format';
import { ChartOrTable, DashboardCard, Loaded } from './display';
import type { FairnessReport } from './model';
import { tierSpendQuery } from './queries';
import { RIGHT } from './table';

/** The whole of a bar, in the units its length is measured in (basis points of the year's payments). */
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
            <Box style={{ flex: 1, minWidth: 60 }}>
              <svg
                role="img"
                aria-label={t('tier.bar', { tier: row.label, realised: formatRupiah(row.realised.amount), share, count: row.outlets })}
                viewBox={`0 0 ${WHOLE} 10`}
                preserveAspectRatio="none"
                width="100%"
                height={14}
                style={{ display: 'block', borderRadius: 4, overflow: 'hidden' }}
              >
                <rect x={0} y={0} width={WHOLE} height={10} fill="var(--mantine-color-gray-1)" />
                {basisPoints > 0 && <rect data-share x={0} y={0} width={basisPoints} height={10} fill="var(--mantine-color-teal-7)" />}
              </svg>
            </Box>
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
    <Table striped aria-label={t('tier.tableLabel', { year: report.fiscal_year })}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('tier.col.tier')}</Table.Th>
          <Table.Th style={RIGHT}>{t('tier.col.outlets')}</Table.Th>
          <Table.Th style={RIGHT}>{t('tier.col.realised')}</Table.Th>
          <Table.Th style={RIGHT}>{t('tier.col.share')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
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
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th scope="row">{t('total')}</Table.Th>
          <Table.Td />
          <Table.Td style={RIGHT} fw={700}>
            {formatRupiah(report.total.realised.amount)}
          </Table.Td>
          <Table.Td />
        </Table.Tr>
      </Table.Tfoot>
    </Table>
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
