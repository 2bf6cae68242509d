import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';

/** The longest wait still said in seconds; a longer one is said in minutes. */
const SECONDS_SAID = 120;

/** That the page asked for does not exist: no such organisation, or no such year. */
export function NotPublished() {
  const { t } = useTranslation('transparency');
  return (
    <Stack align="flex-start">
      <Title order={1}>{t('problem.notFound.title')}</Title>
      <Text>{t('problem.notFound.body')}</Text>
      <Anchor component={Link} to="/public">
        {t('organisations.back')}
      </Anchor>
    </Stack>
  );
}

/**
 * Why a public page cannot be shown: not found, asked too often (and when to ask again, as the
 * server's Retry-After says), or any other failure in the app's usual words.
 */
export function PublicProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('transparency');
  if (error instanceof ApiError && error.status === 404) return <NotPublished />;
  if (error instanceof ApiError && error.status === 429) {
    const wait = error.retryAfter;
    return (
      <Alert color="yellow" role="alert" title={t('problem.tooMany.title')}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            {wait === null || wait <= 0
              ? t('problem.tooMany.later')
              : wait < SECONDS_SAID
                ? t('problem.tooMany.seconds', { count: wait })
                : t('problem.tooMany.minutes', { count: Math.ceil(wait / 60) })}
          </Text>
          <Button size="xs" variant="light" color="yellow" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return <ErrorAlert error={error} onRetry={onRetry} />;
}
