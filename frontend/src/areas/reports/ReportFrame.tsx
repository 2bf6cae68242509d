import { Button, Group, Select, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { allUnitsQuery, unitLabel } from '../../api/units';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { formatFileSize, formatInstant } from '../../format';
import { sharedSearch, type FilterName } from './address';
import { YearSelect } from './display';
import type { CsvDownload } from './download';
import { REPORT_PAGES, type ReportPage } from './pages';
import type { ReportCheckpoint } from './model';
import type { ReportFilters as Filters } from './queries';

/** Changes one filter of the address; an empty value removes it. */
export type ChangeFilter = (name: FilterName, value: string | null) => void;

/**
 * The switch between the area's reports. The year and unit looked at go along, so that the
 * same selection is read in another report.
 */
export function ReportTabs({ page }: { page: ReportPage }) {
  const { t } = useTranslation('reports');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (
    <Tabs
      value={page}
      onChange={(next) => {
        const target = REPORT_PAGES.find(({ name }) => name === next);
        if (target) void navigate(`${target.path}${sharedSearch(params)}`);
      }}
    >
      <Tabs.List>
        {REPORT_PAGES.map(({ name }) => (
          <Tabs.Tab key={name} value={name}>
            {t(`page.${name}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}

/**
 * The filters every report takes: the fiscal year and, for those who may read units, one unit
 * (unless the report is never by unit); and a report's own.
 */
export function ReportFilters({ filters, onChange, withUnit = true, children }: { filters: Filters; onChange: ChangeFilter; withUnit?: boolean; children?: ReactNode }) {
  const { t } = useTranslation('reports');
  const canReadUnits = useCan('units.read') && withUnit;
  const units = useQuery({ ...allUnitsQuery(), enabled: canReadUnits });
  return (
    <Group align="flex-end" wrap="wrap">
      <YearSelect value={filters.fiscal_year} onChange={(next) => onChange('year', String(next))} />
      {children}
      {canReadUnits && (
        <Select
          label={t('filter.unit')}
          placeholder={t('common.all')}
          clearable
          searchable
          disabled={units.isPending}
          data={(units.data ?? []).map((unit) => ({ value: unit.id, label: unitLabel(unit) }))}
          value={filters.unit_id ?? null}
          onChange={(unit) => onChange('unit', unit)}
          w={320}
        />
      )}
    </Group>
  );
}

/**
 * A report's own filter of what it adds up (or spreads the spending) by: the realisation and the
 * fairness reports each offer their dimensions, named in their words, under `&by=`.
 */
export function DimensionFilter<By extends string>({ label, dimensions, nameOf, value, onChange }: { label: string; dimensions: readonly By[]; nameOf: (by: By) => string; value: By; onChange: ChangeFilter }) {
  return <Select label={label} allowDeselect={false} data={dimensions.map((by) => ({ value: by, label: nameOf(by) }))} value={value} onChange={(by) => onChange('by', by)} w={220} />;
}

/**
 * The signed audit checkpoint a report was drawn under: the auditor who keeps the report can
 * check the trail it came from against it later (`mitra audit verify --checkpoint`).
 */
export function CheckpointNote({ checkpoint }: { checkpoint: ReportCheckpoint | null | undefined }) {
  const { t } = useTranslation('reports');
  if (checkpoint === undefined) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="report-checkpoint">
      {checkpoint === null
        ? t('checkpoint.none')
        : t('checkpoint.signed', { sequence: checkpoint.sequence, signedAt: formatInstant(checkpoint.signed_at), keyId: checkpoint.key_id })}
    </Text>
  );
}

/**
 * A report page's frame: its heading with the CSV download, the switch between the reports, the
 * filters (a filter changed forgets a failed download) and, below, the report itself.
 */
export function ReportFrame({
  page,
  title,
  intro,
  filters,
  setFilter,
  download,
  extraFilters,
  withUnit = true,
  checkpoint,
  children,
}: {
  page: ReportPage;
  title: string;
  intro: string;
  filters: Filters;
  setFilter: ChangeFilter;
  download: CsvDownload;
  extraFilters?: (change: ChangeFilter) => ReactNode;
  /** False for a report that is never asked by unit: its unit filter is not offered. */
  withUnit?: boolean;
  /** The newest signed audit checkpoint the report carries, once it has loaded. */
  checkpoint?: ReportCheckpoint | null;
  children: ReactNode;
}) {
  const { t } = useTranslation('reports');
  const change: ChangeFilter = (name, value) => {
    download.reset();
    setFilter(name, value);
  };
  return (
    <Stack>
      <PageHeader
        title={title}
        intro={intro}
        actions={
          <Group gap="xs">
            {download.progress && (
              <Text size="sm" c="dimmed" role="status">
                {t('downloadProgress', { count: Math.max(download.progress.lines - 1, 0), size: formatFileSize(download.progress.bytes) })}
              </Text>
            )}
            <Button variant="default" loading={download.isPending} onClick={() => download.mutate()}>
              {t('download')}
            </Button>
          </Group>
        }
      />
      <ReportTabs page={page} />
      {download.isError && <ErrorAlert title={t('downloadFailed')} error={download.error} onRetry={() => download.mutate()} />}
      <ReportFilters filters={filters} onChange={change} withUnit={withUnit}>
        {extraFilters?.(change)}
      </ReportFilters>
      {children}
      <CheckpointNote checkpoint={checkpoint} />
    </Stack>
  );
}
