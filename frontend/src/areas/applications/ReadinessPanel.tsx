import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Application, ApplicationReadiness } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { RuleOutcomeTable } from '../../components/RuleOutcomeTable';
import { formatDay } from '../../format';
import { Requirements } from './Requirements';
import { readinessQuery } from './queries';
import { BlockerList } from './StepActions';
import type { PolicyNames } from './words';

/** The verdict on the whole: ready, or what stands in the way, each in a sentence. */
function Verdict({ application, readiness, names }: { application: Application; readiness: ApplicationReadiness; names: PolicyNames }) {
  const { t } = useTranslation('applications');
  if (readiness.ready) {
    return (
      <Alert color="green" role="status" title={t(application.state === 'verified' ? 'readiness.readyToApprove' : 'readiness.ready')}>
        {t('readiness.readyBody')}
      </Alert>
    );
  }
  return (
    <Alert color="red" role="status" title={t('readiness.notReady', { count: readiness.blockers.length })}>
      <BlockerList blockers={readiness.blockers} names={names} label={t('blockersLabel')} />
    </Alert>
  );
}

/** The score and the visit, as readiness sees them. */
function ScoreAndVisit({ readiness, tierName }: { readiness: ApplicationReadiness; tierName: (code: string) => string }) {
  const { t } = useTranslation('applications');
  return (
    <Group gap="xl" align="flex-start">
      <div>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {t('readiness.score')}
        </Text>
        <Text size="sm">
          {readiness.score ? t('tierWithPoints', { tier: tierName(readiness.score.tier), count: readiness.score.points }) : t('readiness.notScored')}
        </Text>
      </div>
      <div>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {t('readiness.visit')}
        </Text>
        <Text size="sm">{readiness.site_visit ? t(`visitConclusion.${readiness.site_visit}`) : t('readiness.noVisit')}</Text>
      </div>
    </Group>
  );
}

interface ReadinessPanelProps {
  application: Application;
  names: PolicyNames;
  tierName: (code: string) => string;
}

/**
 * Where the application stands today against its policy version, judged by the server from the
 * registry as it stands: what blocks a decision, each rule, each required document (handed in,
 * reviewed, here to upload and review), the score and the visit. Judged anew on demand and after
 * every change, since the registry can change under it.
 */
export function ReadinessPanel({ application, names, tierName }: ReadinessPanelProps) {
  const { t } = useTranslation('applications');
  const readiness = useQuery(readinessQuery(application.id));
  const title = t('readiness.title');
  const data = readiness.data;

  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack>
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h3">
              {title}
            </Title>
            <Text size="sm" c="dimmed" maw={640}>
              {data ? t('readiness.introOn', { day: formatDay(data.on) }) : t('readiness.intro')}
            </Text>
          </div>
          <Button variant="light" loading={readiness.isFetching} onClick={() => void readiness.refetch()}>
            {t('readiness.again')}
          </Button>
        </Group>
        {readiness.isPending && <PageLoader />}
        {readiness.isError && <ErrorAlert error={readiness.error} onRetry={() => void readiness.refetch()} />}
        {data && (
          <>
            <Verdict application={application} readiness={data} names={names} />
            <ScoreAndVisit readiness={data} tierName={tierName} />

            <Title order={3} size="h4">
              {t('readiness.eligibility')}
            </Title>
            <Text size="sm">
              {data.rules.length === 0
                ? t('readiness.noRules')
                : data.eligible
                  ? t('readiness.eligible', { count: data.rules.length })
                  : t('readiness.notEligible', {
                      count: data.rules.length,
                      failing: data.rules.filter((rule) => rule.verdict !== 'pass').length,
                    })}
            </Text>
            {data.rules.length > 0 && <RuleOutcomeTable rules={data.rules} labels={names.ruleLabels} year={application.fiscal_year} />}

            <Requirements application={application} requirements={data.requirements} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
