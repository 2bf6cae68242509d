import { Box, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatBasisPoints, formatRupiah } from '../../format';
import { basisPointsOf } from './amounts';
import { ChartOrTable, DashboardCard, Loaded } from './display';
import { lineName, type BudgetLine } from './model';
import { budgetLinesQuery } from './queries';
import { RIGHT } from './table';

/** The parts a ceiling is made of, in the order the bar draws them from its start. */
const PARTS = [
  { part: 'realised', color: 'var(--mantine-color-blue-8)' },
  { part: 'committed', color: 'var(--mantine-color-orange-5)' },
  { part: 'remaining', color: 'var(--mantine-color-teal-5)' },
] as const;
type Part = (typeof PARTS)[number]['part'];

/** Below this share of its ceiling (in basis points), a line's remaining amount is called out. */
const LOW_SHARE = 1000;

/** The whole of a bar, in the units its parts are measured in (basis points of the ceiling). */
const WHOLE = 10_000;

/** One line's ceiling as a stacked bar: paid, then held by open orders, then what remains. */
function LineBar({ line }: { line: BudgetLine }) {
  const { t } = useTranslation('dashboard');
  const ceiling = line.ceiling.amount;
  const parts = PARTS.reduce<{ part: Part; color: string; x: number; width: number }[]>((drawn, { part, color }) => {
    const x = drawn.reduce((end, segment) => end + segment.width, 0);
    return [...drawn, { part, color, x, width: Math.min(basisPointsOf(line[part].amount, ceiling), WHOLE - x) }];
  }, []);
  return (
    <svg
      role="img"
      aria-label={t('budget.bar', {
        line: `${lineName(line)} ${line.name}`,
        realised: formatRupiah(line.realised.amount),
        committed: formatRupiah(line.committed.amount),
        remaining: formatRupiah(line.remaining.amount),
        ceiling: formatRupiah(ceiling),
      })}
      viewBox={`0 0 ${WHOLE} 10`}
      preserveAspectRatio="none"
      width="100%"
      height={16}
      style={{ display: 'block', borderRadius: 4, overflow: 'hidden' }}
    >
      <rect x={0} y={0} width={WHOLE} height={10} fill="var(--mantine-color-gray-2)" />
      {parts.map((segment) =>
        segment.width > 0 ? <rect key={segment.part} data-part={segment.part} x={segment.x} y={0} width={segment.width} height={10} fill={segment.color} /> : null,
      )}
    </svg>
  );
}

function Legend() {
  const { t } = useTranslation('dashboard');
  return (
    <Group gap="md" aria-hidden>
      {PARTS.map(({ part, color }) => (
        <Group key={part} gap={6} wrap="nowrap">
          <Box w={12} h={12} style={{ background: color, borderRadius: 2 }} />
          <Text size="xs">{t(`budget.part.${part}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}

function LineBars({ lines }: { lines: readonly BudgetLine[] }) {
  const { t } = useTranslation('dashboard');
  return (
    <Stack gap="xs">
      <Legend />
      <Stack gap="sm" role="list" aria-label={t('budget.chartLabel')}>
        {lines.map((line) => {
          const share = basisPointsOf(line.remaining.amount, line.ceiling.amount);
          const low = share < LOW_SHARE;
          return (
            <Box key={line.id} role="listitem">
              <Group justify="space-between" align="flex-end" wrap="nowrap" gap="sm" mb={4}>
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500}>
                    {lineName(line)}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {line.name}
                  </Text>
                </div>
                <Stack gap={0} align="flex-end" aria-hidden>
                  <Text size="sm" fw={600} c={low ? 'red.7' : undefined} style={{ whiteSpace: 'nowrap' }}>
                    {formatRupiah(line.remaining.amount)}
                  </Text>
                  <Text size="xs" c={low ? 'red.7' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                    {t(low ? 'budget.remainingLow' : 'budget.remainingShare', { share: formatBasisPoints(share) })}
                  </Text>
                </Stack>
              </Group>
              <LineBar line={line} />
            </Box>
          );
        })}
      </Stack>
    </Stack>
  );
}

const FIGURES = ['ceiling', 'realised', 'committed', 'remaining'] as const;

function LineTable({ lines, year }: { lines: readonly BudgetLine[]; year: number }) {
  const { t } = useTranslation('dashboard');
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={t('budget.tableLabel', { year })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('budget.col.line')}</Table.Th>
            {FIGURES.map((figure) => (
              <Table.Th key={figure} style={RIGHT}>
                {t(`budget.part.${figure}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => (
            <Table.Tr key={line.id}>
              <Table.Th scope="row" fw="normal">
                <Text span size="sm" display="block" fw={500}>
                  {lineName(line)}
                </Text>
                <Text span size="xs" c="dimmed" display="block">
                  {line.name}
                </Text>
              </Table.Th>
              {FIGURES.map((figure) => (
                <Table.Td key={figure} style={RIGHT}>
                  {formatRupiah(line[figure].amount)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** What remains of each budget line of the year, as a bar against its ceiling. */
export function RemainingBudget({ year }: { year: number }) {
  const { t } = useTranslation('dashboard');
  const query = useQuery(budgetLinesQuery(year));
  return (
    <DashboardCard title={t('budget.title')} more={{ to: `/budget?year=${year}`, label: t('budget.more') }}>
      <Loaded query={query} empty={(data) => (data.lines.length === 0 ? t('budget.none', { year }) : null)}>
        {({ lines, complete }) => (
          <>
            {!complete && (
              <Text size="sm" c="dimmed">
                {t('budget.partial', { count: lines.length })}
              </Text>
            )}
            <ChartOrTable name={t('budget.title')} chart={<LineBars lines={lines} />} table={<LineTable lines={lines} year={year} />} />
          </>
        )}
      </Loaded>
    </DashboardCard>
  );
}
