import { Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBasisPoints, formatRupiah } from '../../format';
import { basisPointsOf } from './amounts';
import { useRowName } from './names';
import type { RealisationReport } from './model';

/** The whole of a bar, in the units its length is measured in (basis points of the total). */
const WHOLE = 10_000;

/**
 * Each row's share of the year's realisation as a horizontal bar, largest first as the report
 * answers. Each bar's name says the same in words, for those who do not see it.
 */
export function ShareChart({ report }: { report: RealisationReport }) {
  const { t } = useTranslation('reports');
  const name = useRowName();
  const titleId = useId();
  const total = report.total.realised.amount;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={titleId}>
          {t('share.title')}
        </Title>
        <Stack gap={6} role="list" aria-labelledby={titleId}>
          {report.rows.map((row) => {
            const label = name(row, report.by);
            const basisPoints = basisPointsOf(row.realised.amount, total);
            const share = formatBasisPoints(basisPoints);
            return (
              <Group key={row.key} role="listitem" gap="sm" wrap="nowrap" align="center">
                <Text size="sm" w={260} truncate="end" title={label}>
                  {label}
                </Text>
                <Box style={{ flex: 1 }}>
                  <svg
                    role="img"
                    aria-label={t('share.bar', { name: label, share, realised: formatRupiah(row.realised.amount) })}
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
