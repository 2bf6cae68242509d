import { Alert, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CompanyStatus, Outlet, Verdict } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { useLabel } from '../../hooks/useLabel';
import { eligibilityQuery, ruleLabelsQuery } from './queries';
import { describeExpected, describeFound } from './outcomes';
import { YearSelect } from './YearSelect';

const VERDICT_COLOR: Record<Verdict, string> = { pass: 'green', fail: 'red', missing: 'yellow' };

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
  const { t, i18n } = useTranslation('registry');
  const label = useLabel();
  const evaluation = useQuery(eligibilityQuery(outlet.id, year));
  // The rules' names are the policy's; without them a rule is named by its kind.
  const canReadPolicy = useCan('policy.read');
  const labels = useQuery({ ...ruleLabelsQuery(year), enabled: canReadPolicy && evaluation.data != null });
  const language = i18n.resolvedLanguage ?? 'id';
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
            {rules.length > 0 && (
              <Table.ScrollContainer minWidth={760}>
                <Table striped aria-label={t('eligibility.table')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('eligibility.colRule')}</Table.Th>
                      <Table.Th>{t('eligibility.colVerdict')}</Table.Th>
                      <Table.Th>{t('eligibility.colExpected')}</Table.Th>
                      <Table.Th>{t('eligibility.colFound')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rules.map((outcome) => {
                      const name = labels.data?.get(outcome.rule);
                      return (
                        <Table.Tr key={outcome.rule}>
                          <Table.Th scope="row" fw={400}>
                            <Text size="sm" fw={500}>
                              {name ? label(name) : t(`ruleKind.${outcome.kind}`)}
                            </Text>
                            <Text size="xs" c="dimmed" ff="monospace">
                              {outcome.rule}
                            </Text>
                          </Table.Th>
                          <Table.Td>
                            {/* A table gives a badge, which clips its label, no width of its own: it needs the whole word. */}
                            <Badge color={VERDICT_COLOR[outcome.verdict]} variant="light" tt="none" miw="max-content">
                              {t(`verdict.${outcome.verdict}`)}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{describeExpected(t, language, outcome)}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{describeFound(t, outcome)}</Text>
                            {outcome.verdict === 'missing' && (
                              <Text size="xs" c="dimmed">
                                {t(`missingHint.${outcome.kind}`, { year })}
                              </Text>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
