import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresetSummary } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLabel } from '../../hooks/useLabel';
import { citeRegulation } from './citation';
import { useCreateVersion, type Origin } from './creating';
import { presetsQuery, summariesQuery } from './queries';

function PresetCard({ preset, busy, onCreate }: { preset: PresetSummary; busy: boolean; onCreate: () => void }) {
  const { t } = useTranslation('policy');
  const label = useLabel();
  const name = label(preset.name);
  return (
    <Card withBorder padding="md" component="section" aria-label={name}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {name}
        </Title>
        <Text size="sm">{citeRegulation(t, preset.regulation)}</Text>
        <Alert color="yellow" title={t('presetNoteTitle')}>
          {label(preset.note)}
        </Alert>
        <Group>
          <Button loading={busy} onClick={onCreate}>
            {t('createFromPreset', { name })}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Copies one of the region's versions of another year into this one. */
function CopyFromYear({ year, busy, onCopy }: { year: number; busy: boolean; onCopy: (id: string) => void }) {
  const { t } = useTranslation('policy');
  const versions = useInfiniteQuery(summariesQuery(null));
  const [picked, setPicked] = useState<string | null>(null);
  const choices = (versions.data?.pages.flatMap((page) => page.items) ?? []).filter((version) => version.fiscal_year !== year);
  if (versions.isSuccess && choices.length === 0) return null;
  return (
    <Card withBorder padding="md" component="section" aria-label={t('copyFromYear')}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('copyFromYear')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('copyFromYearIntro', { year })}
        </Text>
        <Group align="flex-end">
          <Select
            label={t('copyFromVersion')}
            placeholder={t('copyFromVersionPlaceholder')}
            w={280}
            disabled={versions.isPending}
            data={choices.map((version) => ({ value: version.id, label: t('versionName', { year: version.fiscal_year, revision: version.revision }) }))}
            value={picked}
            onChange={setPicked}
          />
          <Button variant="default" loading={busy} disabled={picked === null} onClick={() => picked && onCopy(picked)}>
            {t('copyConfirm')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** A fiscal year without a policy: an admin starts one from a preset or another year's version. */
export function NoPolicy({ year }: { year: number }) {
  const { t } = useTranslation('policy');
  const canManage = useCan('policy.manage');
  const presets = useQuery({ ...presetsQuery(), enabled: canManage });
  const create = useCreateVersion();
  const start = (origin: Origin) => create.mutate({ year, origin });
  // The button that started the creation under way shows it.
  const pending = create.isPending ? create.variables.origin : null;

  return (
    <Stack>
      <Alert color="blue" title={t('noPolicyTitle', { year })}>
        {canManage ? t('noPolicyAdmin') : t('noPolicyReader')}
      </Alert>
      {canManage && (
        <>
          {create.isError && <ErrorAlert error={create.error} />}
          {presets.isError && <ErrorAlert error={presets.error} onRetry={() => void presets.refetch()} />}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {presets.data?.map((preset) => (
              <PresetCard key={preset.code} preset={preset} busy={pending !== null && 'preset' in pending && pending.preset === preset.code} onCreate={() => start({ preset: preset.code })} />
            ))}
            <CopyFromYear year={year} busy={pending !== null && 'copy_of' in pending} onCopy={(id) => start({ copy_of: id })} />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
