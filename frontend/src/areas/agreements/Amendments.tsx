import { List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDay, formatInstant, formatRupiah } from '../../format';
import type { Agreement, AgreementAmendment } from './model';
import { amendmentsQuery } from './queries';
import { changesOf, type Change } from './snapshot';

/** Who amended: the reader by name, or another user by id. */
function Actor({ amendment }: { amendment: AgreementAmendment }) {
  const { t } = useTranslation('agreements');
  const me = useMe();
  if (amendment.actor_id === null) return <Text size="sm">{t('amendments.system')}</Text>;
  if (amendment.actor_id === me.data?.id) return <Text size="sm">{t('amendments.you', { name: me.data.full_name })}</Text>;
  return (
    <Text size="xs" ff="monospace" title={amendment.actor_id}>
      {amendment.actor_id}
    </Text>
  );
}

/** A change in words: "Nilai perjanjian: Rp 30.000.000 → Rp 45.000.000". */
function changeText(t: (key: string, options?: Record<string, unknown>) => string, change: Change, productName: (code: string) => string): string {
  switch (change.kind) {
    case 'amount':
      return t('amendments.change.ceiling', { before: formatRupiah(change.before), after: formatRupiah(change.after) });
    case 'text': {
      const day = change.field === 'starts_on' || change.field === 'ends_on';
      return t(`amendments.change.${change.field}`, { before: day ? formatDay(change.before) : change.before, after: day ? formatDay(change.after) : change.after });
    }
    case 'quota':
      return t('amendments.change.quota', { product: productName(change.product), before: change.before, after: change.after });
    case 'price':
      return t('amendments.change.price', { product: productName(change.product), before: formatRupiah(change.before), after: formatRupiah(change.after) });
    case 'added':
      return t('amendments.change.added', { product: productName(change.product) });
    case 'removed':
      return t('amendments.change.removed', { product: productName(change.product) });
  }
}

/** The agreement's amendments (addenda), oldest first: why, what they changed, and who made them. */
export function Amendments({ agreement, productName }: { agreement: Agreement; productName: (code: string) => string }) {
  const { t } = useTranslation('agreements');
  const amendments = useQuery(amendmentsQuery(agreement.id));
  const title = t('amendments.title');
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack>
        <Title order={2} size="h3">
          {title}
        </Title>
        {amendments.isPending && <PageLoader />}
        {amendments.isError && <ErrorAlert error={amendments.error} onRetry={() => void amendments.refetch()} />}
        {amendments.data && amendments.data.length === 0 && <Text c="dimmed">{t('amendments.none')}</Text>}
        {amendments.data && amendments.data.length > 0 && (
          <Table.ScrollContainer minWidth={820}>
            <Table striped aria-label={t('amendments.table')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('amendments.colNumber')}</Table.Th>
                  <Table.Th>{t('amendments.colAt')}</Table.Th>
                  <Table.Th>{t('amendments.colReason')}</Table.Th>
                  <Table.Th>{t('amendments.colChanges')}</Table.Th>
                  <Table.Th>{t('amendments.colActor')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {amendments.data.map((amendment) => {
                  const changes = changesOf(amendment);
                  return (
                    <Table.Tr key={amendment.number}>
                      <Table.Td>{amendment.number}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatInstant(amendment.at)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {amendment.reason}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {changes.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            {t('amendments.noChanges')}
                          </Text>
                        ) : (
                          <List size="sm" spacing={2}>
                            {changes.map((change, index) => (
                              <List.Item key={index}>{changeText(t, change, productName)}</List.Item>
                            ))}
                          </List>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Actor amendment={amendment} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
