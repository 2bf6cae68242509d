import { Anchor, Box, Group, Paper, SegmentedControl, Stack, Title } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { YearSelect as SharedYearSelect } from '../../components/YearSelect';

/** The fiscal year picker, labelled in this area's words. */
export function YearSelect(props: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('dashboard');
  return <SharedYearSelect label={t('fiscalYear')} {...props} />;
}

/**
 * One of the dashboard's cards: a titled section, a link to the page that shows the whole of it,
 * and its content.
 */
export function DashboardCard({ title, more, children }: { title: string; more?: { to: string; label: string }; children: ReactNode }) {
  const titleId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" gap="xs">
          <Title order={2} size="h4" id={titleId}>
            {title}
          </Title>
          {more && (
            <Anchor component={Link} to={more.to} size="sm">
              {more.label}
            </Anchor>
          )}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * A chart, or the same figures as a table for those who read tables rather than pictures: the
 * chart by default. (Each chart's bars also say their figures in words.)
 */
export function ChartOrTable({ name, chart, table }: { name: string; chart: ReactNode; table: ReactNode }) {
  const { t } = useTranslation('dashboard');
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <SegmentedControl
          aria-label={t('view.label', { name })}
          size="xs"
          value={view}
          onChange={(next) => setView(next === 'table' ? 'table' : 'chart')}
          data={[
            { value: 'chart', label: t('view.chart') },
            { value: 'table', label: t('view.table') },
          ]}
        />
      </Group>
      {view === 'chart' ? chart : table}
    </Stack>
  );
}

/** The whole of a chart's bar, in the units its length is measured in (basis points). */
const WHOLE = 10_000;

/**
 * One horizontal bar of a card's chart: `basisPoints` of the whole drawn in `color` over a track of
 * the whole, its name (`label`) saying the same in words; the drawn part carries `data-amount` or
 * `data-share`, by `mark`. The owed, outlet and tier charts share it, so that their bars look alike.
 */
export function ChartBar({ label, basisPoints, color, mark }: { label: string; basisPoints: number; color: string; mark: 'amount' | 'share' }) {
  return (
    <Box style={{ flex: 1, minWidth: 60 }}>
      <svg role="img" aria-label={label} viewBox={`0 0 ${WHOLE} 10`} preserveAspectRatio="none" width="100%" height={14} style={{ display: 'block', borderRadius: 4, overflow: 'hidden' }}>
        <rect x={0} y={0} width={WHOLE} height={10} fill="var(--mantine-color-gray-1)" />
        {basisPoints > 0 && <rect data-amount={mark === 'amount' || undefined} data-share={mark === 'share' || undefined} x={0} y={0} width={basisPoints} height={10} fill={color} />}
      </svg>
    </Box>
  );
}
