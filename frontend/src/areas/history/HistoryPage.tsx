import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { formatInstant } from '../../format';
import { ImportForm } from './ImportForm';
import { importsQuery } from './queries';

const RIGHT = { textAlign: 'right' } as const;

/** The imports of earlier years' records, newest first; and, for those who may, a file to import. */
export function HistoryPage() {
  const { t } = useTranslation('history');
  const canImport = useCan('history.import');
  const imports = useQuery(importsQuery());
  return (
    <Stack>
      <PageHeader title={t('title')} intro={t('intro')} />
      {canImport && <ImportForm />}
      <Title order={2} size="h4">
        {t('list.title')}
      </Title>
      {imports.isPending && <PageLoader />}
      {imports.isError && <ErrorAlert error={imports.error} onRetry={() => void imports.refetch()} />}
      {imports.isSuccess && imports.data.length === 0 && <Text c="dimmed">{t('list.none')}</Text>}
      {imports.isSuccess && imports.data.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped aria-label={t('list.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('list.col.kind')}</Table.Th>
                <Table.Th>{t('list.col.file')}</Table.Th>
                <Table.Th style={RIGHT}>{t('list.col.rows')}</Table.Th>
                <Table.Th>{t('list.col.importedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imports.data.map((batch) => (
                <Table.Tr key={batch.id}>
                  <Table.Td>{t(`kind.${batch.kind}`)}</Table.Td>
                  <Table.Th scope="row" fw="normal">
                    {batch.file_name}
                  </Table.Th>
                  <Table.Td style={RIGHT}>{batch.rows}</Table.Td>
                  <Table.Td>{formatInstant(batch.imported_at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
