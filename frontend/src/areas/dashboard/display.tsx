import { Anchor, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
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
 * A card's data once it is read: a loader while it is on its way, the reason (and a retry) when it
 * could not be read, a sentence when there is nothing to show, else what `children` draws of it.
 */
export function Loaded<T>({ query, empty, children }: { query: UseQueryResult<T>; empty: (data: T) => string | null; children: (data: T) => ReactNode }) {
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const nothing = empty(query.data);
  if (nothing !== null) return <Text c="dimmed">{nothing}</Text>;
  return <>{children(query.data)}</>;
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
