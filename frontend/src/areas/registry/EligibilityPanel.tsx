import { Alert, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CompanyStatus, Outlet } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { RuleOutcomeTable } from '../../components/RuleOutcomeTable';
import { eligibilityQuery, ruleLabelsQuery } from './queries';
import { YearSelect } from './YearSelect';

interface EligibilityPanelProps {
  outlet: Outlet;
  /** The company's status, when known: a sanctioned company is not contracted however its outlet fares. */
  companyStatus: CompanyStatus | undefined;
  year: number;
  onYear: (year: number) => void;
}

/**
 * The outlet judged by the policy in force in a fiscal year, as the registry stands today: each
 * rule with its verdict, what it asks and what the registry holds, and the sum of them.
 */
export function EligibilityPanel({ outlet, companyStatus, year, onYear }: EligibilityPanelProps) {
  const { t } = useTranslation('registry');
  const evaluation = useQuery(eligibilityQuery(outlet.id, year));
  // The rules' names are the policy's; without them a rule is named by its kind.
  const canReadPolicy = useCan('policy.read');
  const labels = useQuery({ ...ruleLabelsQuery(year), enabled: canReadPolicy && evaluation.data != null });
  const title = t('eligibility.title');

  const rules = evaluation.data?.rules ?? [];
  const failing = rules.filter((rule) => rule.verdict === 'fail').length;
  const missing = rules.filter((rule) => rule.verdict === 'missing').length;

  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack>
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2} size="h3">
              {title}
            </Title>
            <Text size="sm" c="dimmed" maw={640}>
              {t('eligibility.intro')}
            </Text>
          </div>
          <YearSelect value={year} onChange={onYear} />
        </Group>

        {evaluation.isPending && <PageLoader />}
        {evaluation.isError && <ErrorAlert error={evaluation.error} onRetry={() => void evaluation.refetch()} />}
        {evaluation.data === null && (
          <Alert color="gray" title={t('eligibility.noPolicyTitle', { year })}>
            {t('eligibility.noPolicyBody')}
          </Alert>
        )}
        {evaluation.data && (
          <>
            <Alert
              color={evaluation.data.eligible ? 'green' : 'red'}
              title={t(evaluation.data.eligible ? 'eligibility.eligible' : 'eligibility.notEligible', { year })}
              role="status"
            >
              {rules.length === 0
                ? t('eligibility.noRules', { media: t(`mediaType.${outlet.media_type}`) })
                : evaluation.data.eligible
                  ? t('eligibility.allPass', { count: rules.length })
                  : t(failing === 0 ? 'eligibility.missingOnly' : missing === 0 ? 'eligibility.failingOnly' : 'eligibility.failingAndMissing', {
                      count: rules.length,
                      failing,
                      missing,
                    })}
            </Alert>
            {companyStatus !== undefined && companyStatus !== 'active' && (
              <Alert color="orange">{t(`eligibility.sanctioned.${companyStatus}`)}</Alert>
            )}
            {rules.length > 0 && <RuleOutcomeTable rules={rules} labels={labels.data} year={year} />}
          </>
        )}
      </Stack>
    </Paper>
  );
}
