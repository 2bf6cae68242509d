import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { PublicFrame } from './PublicFrame';
import { PublicProblem } from './PublicProblem';
import { organisationsQuery } from './queries';

/** The organisations on this server that publish their partnerships with the press, each a link to its pages. */
export function OrganisationsPage() {
  const { t } = useTranslation('transparency');
  const organisations = useQuery(organisationsQuery());
  return (
    <PublicFrame>
      <Stack>
        <div>
          <Title order={1}>{t('organisations.title')}</Title>
          <Text c="dimmed" mt={4} maw={720}>
            {t('organisations.intro')}
          </Text>
        </div>
        {organisations.isPending && <PageLoader />}
        {organisations.isError && <PublicProblem error={organisations.error} onRetry={() => void organisations.refetch()} />}
        {organisations.isSuccess && organisations.data.length === 0 && <Text c="dimmed">{t('organisations.none')}</Text>}
        {organisations.isSuccess && organisations.data.length > 0 && (
          <List aria-label={t('organisations.listLabel')} spacing="xs">
            {organisations.data.map((organisation) => (
              <List.Item key={organisation.slug}>
                <Anchor component={Link} to={`/public/${encodeURIComponent(organisation.slug)}`} fw={500}>
                  {organisation.name}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </PublicFrame>
  );
}
