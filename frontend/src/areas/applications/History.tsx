import { Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Application, ApplicationStep } from '../../api/types';
import { useMe } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatInstant } from '../../format';
import { StateBadge } from './display';
import { stepsQuery } from './queries';

/** Who took a step: the reader by name, the system, or another user by id. */
function Actor({ step }: { step: ApplicationStep }) {
  const { t } = useTranslation('applications');
  const me = useMe();
  if (step.actor_id === null) return <Text size="sm">{t('history.system')}</Text>;
  if (step.actor_id === me.data?.id) return <Text size="sm">{t('history.you', { name: me.data.full_name })}</Text>;
  return (
    <Text size="xs" ff="monospace" title={step.actor_id}>
      {step.actor_id}
    </Text>
  );
}

/** The steps journal, oldest first: who moved the application from which state to which, and why. */
export function History({ application }: { application: Application }) {
  const { t } = useTranslation('applications');
  const steps = useQuery(stepsQuery(application.id));
  const title = t('history.title');
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack>
        <Title order={2} size="h3">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {t('history.opened', { at: formatInstant(application.created_at) })}
        </Text>
        {steps.isPending && <PageLoader />}
        {steps.isError && <ErrorAlert error={steps.error} onRetry={() => void steps.refetch()} />}
        {steps.data && steps.data.length === 0 && <Text c="dimmed">{t('history.none')}</Text>}
        {steps.data && steps.data.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-label={t('history.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('history.colAt')}</Table.Th>
                  <Table.Th>{t('history.colStep')}</Table.Th>
                  <Table.Th>{t('history.colStates')}</Table.Th>
                  <Table.Th>{t('history.colActor')}</Table.Th>
                  <Table.Th>{t('history.colReason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {steps.data.map((step) => (
                  <Table.Tr key={step.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatInstant(step.at)}</Table.Td>
                    <Table.Td>{t(`step.${step.step}`)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <StateBadge state={step.from} size="sm" />
                        <Text size="sm" aria-hidden>
                          →
                        </Text>
                        <VisuallyHidden>{t('history.to')}</VisuallyHidden>
                        <StateBadge state={step.to} size="sm" />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Actor step={step} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{step.reason ?? t('common.none')}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
