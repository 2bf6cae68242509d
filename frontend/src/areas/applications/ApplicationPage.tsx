import { Alert, Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import type { Application } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotFoundPage } from '../../components/NotFoundPage';
import { PageLoader } from '../../components/PageLoader';
import { formatInstant } from '../../format';
import { useLabel } from '../../hooks/useLabel';
import { StateBadge } from './display';
import { History } from './History';
import { applicationQuery, policyVersionQuery, readinessQuery } from './queries';
import { ReadinessPanel } from './ReadinessPanel';
import { ScorePanel } from './ScorePanel';
import { SiteVisitPanel } from './SiteVisitPanel';
import { StepActions } from './StepActions';
import { usePolicyNames } from './words';

/** A link into the registry for those who may read it; the name alone for the others. */
function RegistryLink({ to, children }: { to: string; children: ReactNode }) {
  const canReadRegistry = useCan('registry.read');
  if (!canReadRegistry) return <Text span>{children}</Text>;
  return (
    <Anchor component={Link} to={to}>
      {children}
    </Anchor>
  );
}

/**
 * The reason of the step that last gave one: why the application was sent back or rejected,
 * which is what the applicant must read first.
 */
function LastReason({ application }: { application: Application }) {
  const { t } = useTranslation('applications');
  if (application.last_reason === null) return null;
  const prominent = application.state === 'revision_requested' || application.state === 'rejected';
  return (
    <Alert
      color={application.state === 'rejected' ? 'red' : prominent ? 'orange' : 'gray'}
      title={t(prominent ? `lastReason.${application.state}` : 'lastReason.other')}
      variant={prominent ? 'filled' : 'light'}
    >
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {application.last_reason}
      </Text>
    </Alert>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function ApplicationView({ application }: { application: Application }) {
  const { t } = useTranslation('applications');
  const label = useLabel();
  const canReadPolicy = useCan('policy.read');
  const readiness = useQuery(readinessQuery(application.id));
  const names = usePolicyNames(application, readiness.data?.requirements.map((status) => status.requirement));
  const policy = useQuery({ ...policyVersionQuery(application.policy_version_id), enabled: canReadPolicy });
  const tierName = (code: string) => {
    const tier = policy.data?.policy.tiers.find((candidate) => candidate.code === code);
    return tier ? label(tier.label) : code;
  };

  return (
    <Stack>
      <Anchor component={Link} to={`/applications?year=${application.fiscal_year}`} size="sm">
        {t('backToList')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1}>{application.outlet_name}</Title>
          <Group gap="xs">
            <StateBadge state={application.state} size="lg" />
            <Badge variant="outline" color="gray" tt="none">
              {t(`mediaType.${application.media_type}`)}
            </Badge>
            <Badge variant="outline" color="gray" tt="none">
              {t('yearShort', { year: application.fiscal_year })}
            </Badge>
          </Group>
        </Stack>
        <StepActions application={application} names={names} />
      </Group>

      <Group gap="xl" align="flex-start">
        <Fact label={t('field.outlet')}>
          <RegistryLink to={`/registry/outlets/${application.outlet_id}?year=${application.fiscal_year}`}>{application.outlet_name}</RegistryLink>
        </Fact>
        <Fact label={t('field.company')}>
          <RegistryLink to={`/registry/companies/${application.company_id}`}>{application.company_name}</RegistryLink>
        </Fact>
        <Fact label={t('field.tier')}>
          {application.score ? t('tierWithPoints', { tier: tierName(application.score.tier), count: application.score.points }) : t('readiness.notScored')}
        </Fact>
        <Fact label={t('field.submitted')}>{application.submitted_at ? formatInstant(application.submitted_at) : t('notSubmitted')}</Fact>
        {application.decided_at && <Fact label={t('field.decided')}>{formatInstant(application.decided_at)}</Fact>}
      </Group>

      <LastReason application={application} />
      {application.next_steps.includes('lapse') && (
        <Alert color="gray" title={t('yearOver.title', { year: application.fiscal_year })}>
          {t('yearOver.body')}
        </Alert>
      )}

      <ReadinessPanel application={application} names={names} tierName={tierName} />
      <ScorePanel key={application.version} application={application} tierName={tierName} />
      <SiteVisitPanel application={application} />
      <History application={application} />
    </Stack>
  );
}

/** One application: where it stands, what blocks it, its documents, score and visit, and its steps. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const application = useQuery(applicationQuery(id));
  if (application.isPending) return <PageLoader />;
  if (application.isError) {
    // A mistyped or foreign id: the server knows no such application in this organisation.
    if (application.error instanceof ApiError && (application.error.status === 404 || application.error.status === 400)) return <NotFoundPage />;
    return <ErrorAlert error={application.error} onRetry={() => void application.refetch()} />;
  }
  return <ApplicationView application={application.data} />;
}
