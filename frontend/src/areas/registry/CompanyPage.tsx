import { Alert, Anchor, Badge, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import type { PressCompany } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotFoundPage } from '../../components/NotFoundPage';
import { PageLoader } from '../../components/PageLoader';
import { formatDay } from '../../format';
import { usePageAddress } from './address';
import { BankAccounts } from './BankAccounts';
import { CompanyFormDialog } from './CompanyFormDialog';
import { CompanyOutlets } from './CompanyOutlets';
import { CompanyProfile } from './CompanyProfile';
import { CompanyStatusBadge, Standing } from './display';
import { Newsroom } from './Newsroom';
import { PressCouncilChecks } from './PressCouncilChecks';
import { companyQuery } from './queries';
import { StatusDialog } from './StatusDialog';

/** The parts of a company's record, one tab each; the address names the open one. */
const TABS = ['profile', 'outlets', 'newsroom', 'press-council', 'accounts'] as const;

/** A sanction in force, with its reason and since when, above everything else about the company. */
function Sanction({ company }: { company: PressCompany }) {
  const { t } = useTranslation('registry');
  if (company.status === 'active') return null;
  return (
    <Alert color={company.status === 'blacklisted' ? 'red' : 'orange'} title={t(`sanctionTitle.${company.status}`, { day: formatDay(company.status_since) })}>
      <Text size="sm">{company.status_reason ?? t('common.none')}</Text>
    </Alert>
  );
}

function CompanyView({ company }: { company: PressCompany }) {
  const { t } = useTranslation('registry');
  const canManage = useCan('registry.manage');
  const canSanction = useCan('registry.sanction');
  const { tab, year, setTab, setYear } = usePageAddress(TABS);
  const [dialog, setDialog] = useState<'edit' | 'status' | null>(null);

  return (
    <Stack>
      <Anchor component={Link} to="/registry/companies" size="sm">
        {t('backToCompanies')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1}>{company.legal_name}</Title>
          <Group gap="xs">
            <CompanyStatusBadge status={company.status} />
            <Badge variant="outline" color="gray" tt="none">
              {t(`legalForm.${company.legal_form}`)}
            </Badge>
            <Text size="sm" ff="monospace">
              {t('npwpShort', { npwp: company.npwp_printed })}
            </Text>
          </Group>
          <Group gap="xs" align="flex-start">
            <Text size="sm" c="dimmed">
              {t('field.press_council_status')}:
            </Text>
            <Standing status={company.press_council_status} validUntil={company.press_council_valid_until} />
          </Group>
        </Stack>
        <Group>
          {canSanction && (
            <Button variant="default" onClick={() => setDialog('status')}>
              {t('statusDecide')}
            </Button>
          )}
          {canManage && <Button onClick={() => setDialog('edit')}>{t('companyEdit')}</Button>}
        </Group>
      </Group>

      <Sanction company={company} />

      <Tabs value={tab} onChange={(next) => setTab(TABS.find((name) => name === next) ?? 'profile')} keepMounted={false}>
        <Tabs.List>
          {TABS.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`tab.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="profile" pt="md">
          <CompanyProfile company={company} />
        </Tabs.Panel>
        <Tabs.Panel value="outlets" pt="md">
          <CompanyOutlets company={company} />
        </Tabs.Panel>
        <Tabs.Panel value="newsroom" pt="md">
          <Newsroom company={company} year={year} onYear={setYear} />
        </Tabs.Panel>
        <Tabs.Panel value="press-council" pt="md">
          <PressCouncilChecks company={company} />
        </Tabs.Panel>
        <Tabs.Panel value="accounts" pt="md">
          <BankAccounts company={company} />
        </Tabs.Panel>
      </Tabs>

      {dialog === 'edit' && <CompanyFormDialog company={company} onClose={() => setDialog(null)} />}
      {dialog === 'status' && <StatusDialog company={company} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

/** One press company: its profile and standing, and what belongs to it, tab by tab. */
export function CompanyPage() {
  const { id = '' } = useParams();
  const company = useQuery(companyQuery(id));
  if (company.isPending) return <PageLoader />;
  if (company.isError) {
    // A mistyped or foreign id: the server knows no such company in this organisation.
    if (company.error instanceof ApiError && (company.error.status === 404 || company.error.status === 400)) return <NotFoundPage />;
    return <ErrorAlert error={company.error} onRetry={() => void company.refetch()} />;
  }
  return <CompanyView company={company.data} />;
}
