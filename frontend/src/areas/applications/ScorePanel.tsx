import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../api/problem';
import type { Application, Criterion } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { notifySaved } from '../../components/notify';
import { PageLoader } from '../../components/PageLoader';
import { useLabel } from '../../hooks/useLabel';
import { applicationKeys, policyVersionQuery, scoreApplication } from './queries';
import { useRefreshApplication, useStaleChange } from './refresh';
import { pointsOf, tierFor } from './score';

interface ScorePanelProps {
  application: Application;
  tierName: (code: string) => string;
}

/**
 * The rubric of the application's policy version for its media type: one choice per criterion,
 * their points, and the tier they reach, which the rate card prices by. A verifier scores while
 * the application is in review; everyone else reads the score.
 */
export function ScorePanel({ application, tierName }: ScorePanelProps) {
  const { t } = useTranslation('applications');
  const label = useLabel();
  const queryClient = useQueryClient();
  const canReadPolicy = useCan('policy.read');
  const canReview = useCan('applications.review');
  const policy = useQuery({ ...policyVersionQuery(application.policy_version_id), enabled: canReadPolicy });
  const refresh = useRefreshApplication(application.id);
  const [answers, setAnswers] = useState<Record<string, string>>(() =>
    Object.fromEntries((application.score?.answers ?? []).map((answer) => [answer.criterion, answer.option])),
  );
  // The page mounts the panel anew for each version of the application, which resets the choices.
  const stale = useStaleChange(application.id, () => undefined);
  const save = useMutation({
    mutationFn: (criteria: readonly Criterion[]) =>
      scoreApplication(
        application,
        criteria.map((criterion) => ({ criterion: criterion.code, option: answers[criterion.code] ?? '' })),
      ),
    onSuccess: (scored) => {
      queryClient.setQueryData(applicationKeys.application(scored.id), scored);
      if (scored.score) notifySaved(t('score.saved', { tier: tierName(scored.score.tier), count: scored.score.points }));
      void refresh();
    },
    onError: (error) => {
      if (!stale(error)) void refresh();
    },
  });
  const title = t('score.title');
  const editable = canReview && application.state === 'in_review';
  const criteria = policy.data?.policy.rubric.filter((criterion) => criterion.media_types.includes(application.media_type)) ?? [];
  const tiers = policy.data?.policy.tiers ?? [];
  const complete = criteria.length > 0 && criteria.every((criterion) => answers[criterion.code] !== undefined);
  const points = pointsOf(criteria, answers);
  const reached = complete ? tierFor(tiers, points) : undefined;

  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack>
        <div>
          <Title order={2} size="h3">
            {title}
          </Title>
          <Text size="sm" c="dimmed" maw={640}>
            {t('score.intro')}
          </Text>
        </div>
        {application.score ? (
          <Text size="sm" fw={500}>
            {t('score.current', { tier: tierName(application.score.tier), count: application.score.points })}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('readiness.notScored')}
          </Text>
        )}
        {canReadPolicy && policy.isPending && <PageLoader />}
        {editable && policy.data && (
          <>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {criteria.map((criterion) => (
                <Select
                  key={criterion.code}
                  label={label(criterion.label)}
                  placeholder={t('score.choose')}
                  allowDeselect={false}
                  data={criterion.options.map((option) => ({
                    value: option.code,
                    label: t('score.option', { option: label(option.label), count: option.points }),
                  }))}
                  value={answers[criterion.code] ?? null}
                  onChange={(option) => {
                    if (option !== null) setAnswers((current) => ({ ...current, [criterion.code]: option }));
                  }}
                />
              ))}
            </SimpleGrid>
            <Group justify="space-between" align="center">
              <Text size="sm" role="status" aria-live="polite">
                {complete
                  ? t('score.result', { count: points, tier: reached ? label(reached.label) : t('score.noTier') })
                  : t('score.incomplete', { count: points })}
              </Text>
              <Button disabled={!complete} loading={save.isPending} onClick={() => save.mutate(criteria)}>
                {t('score.save')}
              </Button>
            </Group>
            {save.isError && (
              <Alert color="red" role="alert">
                {problemMessage(t, save.error)}
              </Alert>
            )}
          </>
        )}
        {!editable && policy.data && application.score && (
          <Table aria-label={t('score.answers')}>
            <Table.Tbody>
              {criteria.map((criterion) => {
                const answer = application.score?.answers.find((candidate) => candidate.criterion === criterion.code);
                const chosen = criterion.options.find((option) => option.code === answer?.option);
                return (
                  <Table.Tr key={criterion.code}>
                    <Table.Th scope="row" fw={500} w="40%">
                      {label(criterion.label)}
                    </Table.Th>
                    <Table.Td>{chosen ? t('score.option', { option: label(chosen.label), count: chosen.points }) : t('common.none')}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
