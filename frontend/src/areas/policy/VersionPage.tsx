import { Anchor, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { currentVersionQuery, versionQuery } from './queries';
import { VersionView } from './VersionView';

/** One version by its id: an earlier revision, or the one another was copied from. */
export function VersionPage() {
  const { t } = useTranslation('policy');
  const { id = '' } = useParams();
  const version = useQuery(versionQuery(id));
  const year = version.data?.fiscal_year;
  const current = useQuery({ ...currentVersionQuery(year ?? 0), enabled: year !== undefined });

  return (
    <Stack>
      <Anchor component={Link} to={year === undefined ? '/policy' : `/policy?year=${year}`} size="sm">
        {year === undefined ? t('back') : t('backToYear', { year })}
      </Anchor>
      <Title order={1}>{t('title')}</Title>
      {version.isPending && <PageLoader />}
      {version.isError && <ErrorAlert error={version.error} onRetry={() => void version.refetch()} />}
      {version.data && <VersionView version={version.data} inForce={current.data?.id === version.data.id} />}
    </Stack>
  );
}
