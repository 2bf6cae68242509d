import { Box, Group, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CeilingBar, CeilingLegend, RemainingFigure } from '../../components/CeilingChart';
import { FigureTable } from '../../components/FigureTable';
import { Loaded } from '../../components/Loaded';
import { formatRupiah } from '../../format';
import { ChartOrTable, DashboardCard } from './display';
import { lineName, type BudgetLine } from './model';
import { budgetLinesQuery } from './queries';
import { RIGHT } from './table';

function LineBars({ lines }: { lines: readonly BudgetLine[] }) {
  const { t } = useTranslation('dashboard');
  return (
    <Stack gap="xs">
      <CeilingLegend name={(part) => t(`budget.part.${part}`)} />
      <Stack gap="sm" role="list" aria-label={t('budget.chartLabel')}>
        {lines.map((line) => (
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
              <RemainingFigure line={line} describe={(share, low) => t(low ? 'budget.remainingLow' : 'budget.remainingShare', { share })} hidden />
            </Group>
            <CeilingBar line={line} height={16} describe={(amounts) => t('budget.bar', { line: `${lineName(line)} ${line.name}`, ...amounts })} />
          </Box>
        ))}
      </Stack>
    </Stack>
  );
}

const FIGURES = ['ceiling', 'realised', 'committed', 'remaining'] as const;

function LineTable({ lines, year }: { lines: readonly BudgetLine[]; year: number }) {
  const { t } = useTranslation('dashboard');
  return (
    <FigureTable minWidth={640} label={t('budget.tableLabel', { year })} names={[t('budget.col.line')]} figures={FIGURES.map((figure) => t(`budget.part.${figure}`))}>
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
    </FigureTable>
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
