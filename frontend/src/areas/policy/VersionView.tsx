import { Alert, Badge, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PolicyVersion } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { formatInstant } from '../../format';
import { isFiscalYear, TABS, usePolicyAddress } from './address';
import { CopyVersion } from './CopyVersion';
import { OverviewTab } from './OverviewTab';
import { RatesTab } from './RatesTab';
import { RequirementsTab } from './RequirementsTab';
import { RubricTab } from './RubricTab';
import { RulesTab } from './RulesTab';
import { VersionSource } from './VersionSource';

/** One policy version: who may change it and how, then its document tab by tab. */
export function VersionView({ version, inForce }: { version: PolicyVersion; inForce: boolean }) {
  const { t } = useTranslation('policy');
  const canManage = useCan('policy.manage');
  const { tab, setTab } = usePolicyAddress();
  // A decision has judged by this version: changing it would change what that decision meant.
  const frozen = version.used_at !== null;
  const editable = canManage && !frozen;
  const nextYear = version.fiscal_year + 1;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={2}>{t('versionName', { year: version.fiscal_year, revision: version.revision })}</Title>
            <Badge color={inForce ? 'green' : 'gray'}>{inForce ? t('inForce') : t('superseded')}</Badge>
            {frozen && <Badge color="orange">{t('frozen')}</Badge>}
          </Group>
          <VersionSource source={version.source} />
          <Text size="xs" c="dimmed">
            {t('updatedAt', { at: formatInstant(version.updated_at) })}
          </Text>
        </Stack>
        {canManage && (
          <Group>
            {frozen && <CopyVersion version={version} year={version.fiscal_year} />}
            {isFiscalYear(nextYear) && <CopyVersion version={version} year={nextYear} />}
          </Group>
        )}
      </Group>

      {frozen && version.used_at && (
        <Alert color="orange" title={t('frozenTitle')}>
          {t('frozenBody', { at: formatInstant(version.used_at) })}
        </Alert>
      )}

      <Tabs value={tab} onChange={(next) => setTab(TABS.find((known) => known === next) ?? 'overview')} keepMounted={false}>
        <Tabs.List>
          {TABS.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`tab.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <OverviewTab version={version} editable={editable} />
        </Tabs.Panel>
        <Tabs.Panel value="requirements" pt="md">
          <RequirementsTab version={version} editable={editable} />
        </Tabs.Panel>
        <Tabs.Panel value="rules" pt="md">
          <RulesTab version={version} editable={editable} />
        </Tabs.Panel>
        <Tabs.Panel value="rubric" pt="md">
          <RubricTab version={version} />
        </Tabs.Panel>
        <Tabs.Panel value="rates" pt="md">
          <RatesTab version={version} editable={editable} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
