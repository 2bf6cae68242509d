import { Anchor, Box, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBasisPoints, formatRupiah } from '../../format';
import { basisPointsOf } from './amounts';
import { lineName, type BudgetLine } from './model';

/** The parts a ceiling is made of, in the order the bar draws them from its start. */
const SEGMENTS = [
  { part: 'realised', color: 'var(--mantine-color-blue-8)' },
  { part: 'committed', color: 'var(--mantine-color-orange-5)' },
  { part: 'remaining', color: 'var(--mantine-color-teal-5)' },
] as const;
type Part = (typeof SEGMENTS)[number]['part'];

/** Below this share of its ceiling, a line's remaining amount is called out. */
const LOW_SHARE = 1000;

/** The whole of a bar, in the units its segments are measured in (basis points of the ceiling). */
const WHOLE = 10_000;

/**
 * One line's ceiling as a bar: paid, then committed to orders, then what remains; the track behind
 * them is the whole ceiling. Its name says the same in words, for those who do not see it.
 */
export function RemainingBar({ line }: { line: BudgetLine }) {
  const { t } = useTranslation('budget');
  const ceiling = line.ceiling.amount;
  const segments = SEGMENTS.reduce<{ part: Part; color: string; x: number; width: number }[]>((drawn, { part, color }) => {
    const x = drawn.reduce((end, segment) => end + segment.width, 0);
    return [...drawn, { part, color, x, width: Math.min(basisPointsOf(line[part].amount, ceiling), WHOLE - x) }];
  }, []);
  return (
    <svg
      role="img"
      aria-label={t('chart.bar', {
        line: lineName(line),
        realised: formatRupiah(line.realised.amount),
        committed: formatRupiah(line.committed.amount),
        remaining: formatRupiah(line.remaining.amount),
        ceiling: formatRupiah(ceiling),
      })}
      viewBox={`0 0 ${WHOLE} 10`}
      preserveAspectRatio="none"
      width="100%"
      height={18}
      style={{ display: 'block', borderRadius: 4, overflow: 'hidden' }}
    >
      <rect x={0} y={0} width={WHOLE} height={10} fill="var(--mantine-color-gray-2)" />
      {segments.map((segment) =>
        segment.width > 0 ? (
          <rect key={segment.part} data-part={segment.part} x={segment.x} y={0} width={segment.width} height={10} fill={segment.color} />
        ) : null,
      )}
    </svg>
  );
}

function Legend() {
  const { t } = useTranslation('budget');
  return (
    <Group gap="md" aria-hidden>
      {SEGMENTS.map(({ part, color }) => (
        <Group key={part} gap={6} wrap="nowrap">
          <Box w={12} h={12} style={{ background: color, borderRadius: 2 }} />
          <Text size="xs">{t(`chart.part.${part}`)}</Text>
        </Group>
      ))}
      <Group gap={6} wrap="nowrap">
        <Box w={12} h={12} style={{ background: 'var(--mantine-color-gray-2)', borderRadius: 2 }} />
        <Text size="xs">{t('chart.part.ceiling')}</Text>
      </Group>
    </Group>
  );
}

/** What remains of a line in words: the amount and its share of the ceiling, called out when low. */
export function RemainingText({ line }: { line: BudgetLine }) {
  const { t } = useTranslation('budget');
  const share = basisPointsOf(line.remaining.amount, line.ceiling.amount);
  const low = share < LOW_SHARE;
  return (
    <Stack gap={0} align="flex-end">
      <Text size="sm" fw={600} c={low ? 'red.7' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {formatRupiah(line.remaining.amount)}
      </Text>
      <Text size="xs" c={low ? 'red.7' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
        {t(low ? 'chart.shareLow' : 'chart.share', { share: formatBasisPoints(share) })}
      </Text>
    </Stack>
  );
}

const amountOf = (line: BudgetLine, part: Part | 'ceiling') => formatRupiah(line[part].amount);

/**
 * What remains of each line, as bars against the ceiling, with the same figures as a table for
 * those who read tables rather than pictures.
 */
export function RemainingChart({ lines, year }: { lines: readonly BudgetLine[]; year: number }) {
  const { t } = useTranslation('budget');
  const headingId = useId();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const title = t('chart.title', { year });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Title order={2} size="h4" id={headingId}>
            {title}
          </Title>
          <SegmentedControl
            aria-label={t('chart.view')}
            size="xs"
            value={view}
            onChange={(next) => setView(next === 'table' ? 'table' : 'chart')}
            data={[
              { value: 'chart', label: t('chart.asChart') },
              { value: 'table', label: t('chart.asTable') },
            ]}
          />
        </Group>
        {view === 'chart' ? (
          <>
            <Legend />
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={title}>
              {lines.map((line) => (
                <Box component="li" key={line.id}>
                  <Group justify="space-between" align="flex-end" wrap="nowrap" gap="sm" mb={4}>
                    <div style={{ minWidth: 0 }}>
                      <Anchor component={Link} to={`/budget/${line.id}`} size="sm" fw={500}>
                        {lineName(line)}
                      </Anchor>
                      <Text size="xs" c="dimmed" truncate>
                        {line.name}
                      </Text>
                    </div>
                    <RemainingText line={line} />
                  </Group>
                  <RemainingBar line={line} />
                </Box>
              ))}
            </Stack>
          </>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped aria-label={t('chart.tableLabel', { year })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('col.line')}</Table.Th>
                  <Table.Th ta="right">{t('col.ceiling')}</Table.Th>
                  <Table.Th ta="right">{t('col.realised')}</Table.Th>
                  <Table.Th ta="right">{t('col.committed')}</Table.Th>
                  <Table.Th ta="right">{t('col.remaining')}</Table.Th>
                  <Table.Th ta="right">{t('col.remainingShare')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((line) => (
                  <Table.Tr key={line.id}>
                    <Table.Th scope="row" fw={500}>
                      {lineName(line)}
                    </Table.Th>
                    <Table.Td ta="right">{amountOf(line, 'ceiling')}</Table.Td>
                    <Table.Td ta="right">{amountOf(line, 'realised')}</Table.Td>
                    <Table.Td ta="right">{amountOf(line, 'committed')}</Table.Td>
                    <Table.Td ta="right">{amountOf(line, 'remaining')}</Table.Td>
                    <Table.Td ta="right">{formatBasisPoints(basisPointsOf(line.remaining.amount, line.ceiling.amount))}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
