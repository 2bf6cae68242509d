import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { PublicFrame } from './PublicFrame';
import { PublicProblem } from './PublicProblem';
import { organisationQuery } from './queries';

/** An organisation's address: its newest published year, or word that it has published none yet. */
export function OrganisationPage() {
  const { t } = useTranslation('transparency');
  const { slug = '' } = useParams();
  const organisation = useQuery(organisationQuery(slug));
  const newest = organisation.data?.fiscal_years[0];
  if (newest !== undefined) return <Navigate to={`/public/${encodeURIComponent(slug)}/${newest}`} replace />;
  return (
    <PublicFrame organisation={organisation.data}>
      {organisation.isPending && <PageLoader />}
      {organisation.isError && <PublicProblem error={organisation.error} onRetry={() => void organisation.refetch()} />}
      {organisation.isSuccess && (
        <Stack align="flex-start">
          <Title order={1}>{organisation.data.name}</Title>
          <Text>{t('organisation.noYears', { name: organisation.data.name })}</Text>
          <Anchor component={Link} to="/public">
            {t('organisations.back')}
          </Anchor>
        </Stack>
      )}
    </PublicFrame>
  );
}
