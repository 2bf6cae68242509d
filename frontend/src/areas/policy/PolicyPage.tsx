import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { usePolicyAddress } from './address';
import { NoPolicy } from './NoPolicy';
import { currentVersionQuery } from './queries';
import { Revisions } from './Revisions';
import { VersionView } from './VersionView';
import { YearPicker } from './YearPicker';

/** The policy in force for the fiscal year in the address, and that year's other revisions. */
export function PolicyPage() {
  const { t } = useTranslation('policy');
  const { year, setYear } = usePolicyAddress();
  const current = useQuery(currentVersionQuery(year));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('title')}</Title>
          <Text c="dimmed" size="sm" mt={4} maw={640}>
            {t('intro')}
          </Text>
        </div>
        <Group align="flex-end">
          <YearPicker value={year} onChange={setYear} />
          <Button component={Link} to="/policy/regulations" variant="default">
            {t('regulations')}
          </Button>
        </Group>
      </Group>

      {current.isPending && <PageLoader />}
      {current.isError && <ErrorAlert error={current.error} onRetry={() => void current.refetch()} />}
      {current.data === null && <NoPolicy year={year} />}
      {current.data && (
        <>
          <VersionView version={current.data} inForce />
          <Revisions year={year} shownId={current.data.id} />
        </>
      )}
    </Stack>
  );
}
