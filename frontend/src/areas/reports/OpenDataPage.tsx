import { Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveBlob } from '../../api/files';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useReportFilters } from './address';
import { YearSelect } from './display';
import { OpenDataSettingsDialog } from './OpenDataSettingsDialog';
import { openDataKeys, openDataPackage, openDataSettingsQuery, PACKAGE_KINDS, packageFileName, type PackageKind } from './openData';
import { ReportTabs } from './ReportFrame';

/**
 * A fiscal year's agreements, orders and payments as Open Contracting (OCDS 1.1) packages to
 * download, under the organisation's registered prefix; administrators set the prefix, the
 * publisher and the licence here.
 */
export function OpenDataPage() {
  const { t } = useTranslation('reports');
  const { filters, setFilter } = useReportFilters();
  const year = filters.fiscal_year;
  const canManage = useCan('open_data.manage');
  const settings = useQuery(openDataSettingsQuery());
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const download = useMutation({
    mutationFn: (kind: PackageKind) => openDataPackage(year, kind),
    onSuccess: (blob, kind) => {
      saveBlob(blob, packageFileName(year, kind));
    },
  });

  return (
    <Stack>
      <PageHeader title={t('openData.title')} intro={t('openData.intro')} />
      <ReportTabs page="openData" />
      <Group align="flex-end" wrap="wrap">
        <YearSelect
          value={year}
          onChange={(next) => {
            download.reset();
            setFilter('year', String(next));
          }}
        />
        {PACKAGE_KINDS.map((kind) => (
          <Button key={kind} variant="default" loading={download.isPending && download.variables === kind} disabled={settings.data === null} onClick={() => download.mutate(kind)}>
            {t(`openData.download.${kind}`, { year })}
          </Button>
        ))}
      </Group>
      {download.isError && <ErrorAlert title={t('openData.downloadFailed')} error={download.error} onRetry={() => download.mutate(download.variables)} />}
      {settings.isPending && <PageLoader />}
      {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.isSuccess && (
        <Card withBorder>
          <Stack gap="xs">
            <Text fw={600}>{t('openData.settings.title')}</Text>
            {settings.data === null ? (
              <Text c="dimmed">{t(canManage ? 'openData.settings.noneAdmin' : 'openData.settings.none')}</Text>
            ) : (
              <>
                <Text size="sm">
                  {t('openData.settings.prefix')}: <Text span ff="monospace">{settings.data.ocid_prefix}</Text>
                </Text>
                <Text size="sm">
                  {t('openData.settings.publisher')}: {settings.data.publisher_name}
                </Text>
                <Text size="sm">
                  {t('openData.settings.license')}: <Anchor href={settings.data.license_url} target="_blank" rel="noreferrer">{settings.data.license_url}</Anchor>
                </Text>
              </>
            )}
            {canManage && (
              <Group>
                <Button variant="light" onClick={() => setEditing(true)}>
                  {t('openData.settings.edit')}
                </Button>
              </Group>
            )}
          </Stack>
        </Card>
      )}
      {editing && settings.isSuccess && (
        <OpenDataSettingsDialog
          settings={settings.data}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            queryClient.setQueryData(openDataKeys.settings, saved);
          }}
        />
      )}
    </Stack>
  );
}
