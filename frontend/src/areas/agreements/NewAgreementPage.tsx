import { Alert, Anchor, Group, List, Paper, Select, Stack, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Application, PolicyVersion } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ForbiddenPage } from '../../components/ForbiddenPage';
import { notifySaved } from '../../components/notify';
import { PageLoader } from '../../components/PageLoader';
import { jakartaToday } from '../../format';
import { useLabel } from '../../hooks/useLabel';
import { isFiscalYear, useAddressParams, UUID, yearOf } from './address';
import { FactTable, PageHeader, StateBadge, YearSelect } from './display';
import {
  agreementKeys,
  applicationAgreementsQuery,
  approvedApplicationsQuery,
  budgetLinesQuery,
  createAgreement,
  policyVersionQuery,
} from './queries';
import { productInfo, ratesFor, rowFromRate, type TermsValues } from './terms';
import { TermsForm } from './TermsForm';

/** An agreement of a year starts today when the year is under way, else on its first day; it ends with the year. */
function defaultPeriod(year: number): { starts_on: string; ends_on: string } {
  const today = jakartaToday();
  return { starts_on: today.startsWith(`${year}-`) ? today : `${year}-01-01`, ends_on: `${year}-12-31` };
}

/** The agreements already drafted from the application, so that a second one is drafted knowingly. */
function Existing({ application }: { application: Application }) {
  const { t } = useTranslation('agreements');
  const existing = useQuery(applicationAgreementsQuery(application.id));
  if (!existing.data || existing.data.length === 0) return null;
  return (
    <Alert color="yellow" title={t('create.existingTitle', { count: existing.data.length })}>
      <List size="sm">
        {existing.data.map((agreement) => (
          <List.Item key={agreement.id}>
            <Group gap="xs">
              <Anchor component={Link} to={`/agreements/${agreement.id}`} size="sm">
                {agreement.number}
              </Anchor>
              <StateBadge state={agreement.state} size="sm" />
            </Group>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** The terms of an agreement with the application's company, priced from its policy's rate card. */
function DraftFromApplication({ application, version }: { application: Application; version: PolicyVersion }) {
  const { t } = useTranslation('agreements');
  const label = useLabel();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const year = application.fiscal_year;
  const budgetLines = useQuery(budgetLinesQuery(year));
  const tier = application.score?.tier;
  const rates = tier === undefined ? [] : ratesFor(version.policy, application.media_type, tier);
  const tierLabel = version.policy.tiers.find((candidate) => candidate.code === tier)?.label;
  const defaults: TermsValues = {
    kind: 'partnership',
    reason: '',
    title: t('create.defaultTitle', { outlet: application.outlet_name, year }),
    external_order_id: '',
    budget_line_id: '',
    ...defaultPeriod(year),
    ceiling: '',
    lines: rates.map(({ rate }) => rowFromRate(rate, false)),
  };

  return (
    <Stack>
      <Paper withBorder p="md" component="section" aria-label={t('create.applicationFacts')}>
        <FactTable
          label={t('create.applicationFacts')}
          rows={[
            [t('field.company'), application.company_name],
            [t('field.outlet'), `${application.outlet_name} (${t(`mediaType.${application.media_type}`)})`],
            [t('field.tier'), tier === undefined ? t('create.notScored') : tierLabel ? label(tierLabel) : tier],
            [t('create.policy'), t('create.policyVersion', { year: version.fiscal_year, revision: version.revision })],
          ]}
        />
      </Paper>
      <Existing application={application} />
      {tier === undefined ? (
        <Alert color="red">{t('create.notScoredBody')}</Alert>
      ) : (
        <TermsForm
          // A new application starts the terms anew.
          key={application.id}
          mode="create"
          year={year}
          defaults={defaults}
          products={productInfo(rates, version.policy)}
          budgetLines={{ data: budgetLines.data, pending: budgetLines.isPending, failed: budgetLines.isError }}
          send={(terms) => createAgreement({ application_id: application.id, terms })}
          onSuccess={(created) => {
            notifySaved(t('create.done', { number: created.number, company: created.company_name }));
            void queryClient.invalidateQueries({ queryKey: agreementKeys.lists() });
            void navigate(`/agreements/${created.id}`);
          }}
          onCancel={() => void navigate(`/agreements?year=${year}`)}
          submitLabel={t('create.confirm')}
          label={t('create.formLabel')}
        />
      )}
    </Stack>
  );
}

/** The policy version the application was approved under, then the terms priced from it. */
function PricedDraft({ application }: { application: Application }) {
  const { t } = useTranslation('agreements');
  const canReadPolicy = useCan('policy.read');
  const version = useQuery({ ...policyVersionQuery(application.policy_version_id), enabled: canReadPolicy });
  if (!canReadPolicy) return <Alert color="red">{t('create.noPolicyAccess')}</Alert>;
  if (version.isPending) return <PageLoader />;
  if (version.isError) return <ErrorAlert error={version.error} onRetry={() => void version.refetch()} />;
  return <DraftFromApplication application={application} version={version.data} />;
}

/**
 * Drafting an agreement: the officer picks an approved application of a fiscal year, and its lines
 * are priced from the rate card of the policy it was approved under, for its outlet's media type
 * and the tier its score reached. The choices live in the address (`?year=2026&application=...`).
 */
export function NewAgreementPage() {
  const { t } = useTranslation('agreements');
  const canManage = useCan('agreements.manage');
  const params = useAddressParams();
  const year = yearOf(params.get('year'));
  const asked = params.get('application');
  const applicationId = asked !== null && UUID.test(asked) ? asked : null;
  const approved = useQuery({ ...approvedApplicationsQuery(year), enabled: canManage && isFiscalYear(year) });
  const application = approved.data?.find((candidate) => candidate.id === applicationId);

  if (!canManage) return <ForbiddenPage />;
  return (
    <Stack>
      <Anchor component={Link} to={`/agreements?year=${year}`} size="sm">
        {t('backToList')}
      </Anchor>
      <PageHeader title={t('create.title')} intro={t('create.intro')} />
      <Group align="flex-end">
        <YearSelect value={year} onChange={(next) => params.set({ year: String(next), application: null })} />
        <Select
          label={t('create.application')}
          description={t('create.applicationHint')}
          placeholder={approved.isPending ? t('common.loading') : t('create.applicationPlaceholder')}
          searchable
          w={480}
          nothingFoundMessage={t('create.noApproved', { year })}
          data={(approved.data ?? []).map((candidate) => ({
            value: candidate.id,
            label: t('create.applicationOption', { outlet: candidate.outlet_name, company: candidate.company_name }),
          }))}
          value={application ? application.id : null}
          onChange={(value) => params.set({ application: value })}
        />
      </Group>
      {approved.isError && <ErrorAlert error={approved.error} onRetry={() => void approved.refetch()} />}
      {approved.isSuccess && approved.data.length === 0 && (
        <Alert color="gray" title={t('create.noApproved', { year })}>
          {t('create.noApprovedBody')}
        </Alert>
      )}
      {approved.isSuccess && applicationId !== null && !application && <Alert color="orange">{t('create.notApproved')}</Alert>}
      {application && (
        <>
          <Title order={2} size="h3">
            {t('create.termsTitle', { outlet: application.outlet_name })}
          </Title>
          <PricedDraft application={application} />
        </>
      )}
    </Stack>
  );
}
