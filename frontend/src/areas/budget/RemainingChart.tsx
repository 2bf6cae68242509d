import { Anchor, Box, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CeilingBar, CeilingLegend, RemainingFigure, type CeilingPart } from '../../components/CeilingChart';
import { formatBasisPoints, formatRupiah } from '../../format';
import { basisPointsOf } from './amounts';
import { lineName, type BudgetLine } from './model';

/**
 * One line's ceiling as a bar: paid, then committed to orders, then what remains; the track behind
 * them is the whole ceiling. Its name says the same in words, for those who do not see it.
 */
export function RemainingBar({ line }: { line: BudgetLine }) {
  const { t } = useTranslation('budget');
  return <CeilingBar line={line} height={18} describe={(amounts) => t('chart.bar', { line: lineName(line), ...amounts })} />;
}

function Legend() {
  const { t } = useTranslation('budget');
  return <CeilingLegend name={(part) => t(`chart.part.${part}`)} ceiling={t('chart.part.ceiling')} />;
}

/** What remains of a line in words: the amount and its share of the ceiling, called out when low. */
export function RemainingText({ line }: { line: BudgetLine }) {
  const { t } = useTranslation('budget');
  return <RemainingFigure line={line} describe={(share, low) => t(low ? 'chart.shareLow' : 'chart.share', { share })} />;
}

const amountOf = (line: BudgetLine, part: CeilingPart | 'ceiling') => formatRupiah(line[part].amount);

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
