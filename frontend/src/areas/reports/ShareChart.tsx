import { Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBasisPoints, formatRupiah } from '../../format';
import { basisPointsOf } from './amounts';
import { useRowName } from './names';
import type { RealisationReport } from './model';

/** The whole of a bar, in the units its length is measured in (basis points of the total). */
const WHOLE = 10_000;

/** One bar of a share chart: what it is called, its share in basis points, and what it says in words. */
export interface ShareBar {
  key: string;
  label: string;
  /** Its share of the whole, in basis points (10000 is all of it). */
  basisPoints: number;
  /** The bar's name for those who do not see it, given the share as a percentage. */
  describe: (share: string) => string;
}

/**
 * Each row's share of a whole as a horizontal bar, in the order given (largest first, as the
 * reports answer). Each bar's name says the same in words, for those who do not see it.
 */
export function ShareChart({ title, bars }: { title: string; bars: ShareBar[] }) {
  const titleId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={titleId}>
          {title}
        </Title>
        <Stack gap={6} role="list" aria-labelledby={titleId}>
          {bars.map((bar) => {
            const basisPoints = Math.min(WHOLE, Math.max(0, bar.basisPoints));
            const share = formatBasisPoints(basisPoints);
            return (
              <Group key={bar.key} role="listitem" gap="sm" wrap="nowrap" align="center">
                <Text size="sm" w={260} truncate="end" title={bar.label}>
                  {bar.label}
                </Text>
                <Box style={{ flex: 1 }}>
                  <svg
                    role="img"
                    aria-label={bar.describe(share)}
                    viewBox={`0 0 ${WHOLE} 10`}
                    preserveAspectRatio="none"
                    width="100%"
                    height={14}
                    style={{ display: 'block', borderRadius: 4, overflow: 'hidden' }}
                  >
                    <rect x={0} y={0} width={WHOLE} height={10} fill="var(--mantine-color-gray-2)" />
                    {basisPoints > 0 && <rect data-share x={0} y={0} width={basisPoints} height={10} fill="var(--mantine-color-blue-7)" />}
                  </svg>
                </Box>
                <Text size="sm" w={70} ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {share}
                </Text>
              </Group>
            );
          })}
        </Stack>
      </Stack>
    </Paper>
  );
}

/** Each row's share of the year's realisation, by the realisation report's rows. */
export function RealisationShareChart({ report }: { report: RealisationReport }) {
  const { t } = useTranslation('reports');
  const name = useRowName();
  const total = report.total.realised.amount;
  return (
    <ShareChart
      title={t('share.title')}
      bars={report.rows.map((row) => {
        const label = name(row, report.by);
        return {
          key: row.key,
          label,
          basisPoints: basisPointsOf(row.realised.amount, total),
          describe: (share) => t('share.bar', { name: label, share, realised: formatRupiah(row.realised.amount) }),
        };
      })}
    />
  );
}
