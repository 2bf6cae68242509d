import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListFooter } from '../../components/ListFooter';
import { formatInstant } from '../../format';
import { summariesQuery } from './queries';
import { VersionSource } from './VersionSource';

/** The year's revisions other than the one shown, newest first. */
export function Revisions({ year, shownId }: { year: number; shownId: string }) {
  const { t } = useTranslation('policy');
  const summaries = useInfiniteQuery(summariesQuery(year));
  const others = (summaries.data?.pages.flatMap((page) => page.items) ?? []).filter((version) => version.id !== shownId);
  return (
    <Stack gap="xs" component="section" aria-label={t('revisions')}>
      <Title order={2} size="h3">
        {t('revisions')}
      </Title>
      {summaries.isError && <ErrorAlert error={summaries.error} onRetry={() => void summaries.refetch()} />}
      {summaries.isSuccess && others.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('revisionsNone')}
        </Text>
      ) : (
        <Table aria-label={t('revisions')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('colRevision')}</Table.Th>
              <Table.Th>{t('colSource')}</Table.Th>
              <Table.Th>{t('colCreated')}</Table.Th>
              <Table.Th>{t('colStatus')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {others.map((version) => (
              <Table.Tr key={version.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/policy/versions/${version.id}`}>
                    {t('revisionName', { revision: version.revision })}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <VersionSource source={version.source} />
                </Table.Td>
                <Table.Td>{formatInstant(version.created_at)}</Table.Td>
                <Table.Td>{version.used_at ? <Badge color="orange">{t('frozen')}</Badge> : t('common.none')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {summaries.hasNextPage && <ListFooter query={summaries} count={others.length} />}
    </Stack>
  );
}
