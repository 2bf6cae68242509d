import { Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveBlob } from '../../api/files';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListFooter } from '../../components/ListFooter';
import { notifySaved } from '../../components/notify';
import { formatInstant } from '../../format';
import { auditCheckpointPagesQuery, checkpointKeyQuery, checkpointKeys, signCheckpoint, type AuditCheckpoint } from './queries';

/** The command that checks the chain against a kept checkpoint file. */
const VERIFY_COMMAND = 'mitra audit verify --checkpoint FILE';

/** How many hex digits of a hash the table shows; the whole hash is in the file and the tooltip. */
const SHORT_HASH = 16;

function shortHash(hash: string): string {
  return hash.length > SHORT_HASH ? `${hash.slice(0, SHORT_HASH)}…` : hash;
}

/** Saves a checkpoint exactly as the API answered it, to be kept outside Mitra. */
function downloadCheckpoint(checkpoint: AuditCheckpoint): void {
  const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
  saveBlob(new Blob([text], { type: 'application/json' }), `mitra-checkpoint-${checkpoint.sequence}.json`);
}

function SigningKey() {
  const { t } = useTranslation('audit');
  const key = useQuery(checkpointKeyQuery());
  if (key.isError) return <ErrorAlert error={key.error} onRetry={() => void key.refetch()} />;
  if (!key.data) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('checkpointKey')}
      </Text>
      <Text size="sm">
        {t('checkpointKeyId')}: <Code aria-label={t('checkpointKeyId')}>{key.data.key_id}</Code>
      </Text>
      <Text size="sm">{t('checkpointPublicKey', { algorithm: key.data.algorithm })}:</Text>
      <Code block aria-label={t('checkpointPublicKey', { algorithm: key.data.algorithm })} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {key.data.public_key}
      </Code>
    </Stack>
  );
}

/**
 * The organisation's signed audit chain heads: each can be downloaded and kept outside Mitra, so
 * that a chain rewritten later, even with every hash recomputed, is found out. The section opens
 * on demand: the log is what the page is mostly for, and checkpoints are asked for only when wanted.
 */
export function Checkpoints() {
  const { t } = useTranslation('audit');
  const titleId = useId();
  const bodyId = useId();
  const [open, setOpen] = useState(false);
  return (
    <Paper component="section" aria-labelledby={titleId} withBorder p="md">
      <Group justify="space-between" align="center">
        <Title order={2} size="h4" id={titleId}>
          {t('checkpoints')}
        </Title>
        <Button variant="subtle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((value) => !value)}>
          {t(open ? 'hideCheckpoints' : 'showCheckpoints')}
        </Button>
      </Group>
      {open && <CheckpointsBody id={bodyId} />}
    </Paper>
  );
}

function CheckpointsBody({ id }: { id: string }) {
  const { t } = useTranslation('audit');
  const canSign = useCan('audit.checkpoint');
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(auditCheckpointPagesQuery());
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const sign = useMutation({
    mutationFn: signCheckpoint,
    onSuccess: async ({ checkpoint, created }) => {
      notifySaved(t(created ? 'checkpointSigned' : 'checkpointAlreadySigned', { sequence: checkpoint.sequence }));
      await queryClient.invalidateQueries({ queryKey: checkpointKeys.list() });
    },
  });

  return (
    <Stack id={id} gap="sm" mt="sm">
      <Text size="sm">{t('checkpointsExplain')}</Text>
      <Code block>{VERIFY_COMMAND}</Code>

      <SigningKey />

      {canSign && (
        <Group>
          <Button variant="light" loading={sign.isPending} onClick={() => sign.mutate()}>
            {t('signNow')}
          </Button>
        </Group>
      )}
      {sign.isError && <ErrorAlert error={sign.error} />}

      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}

      <Table.ScrollContainer minWidth={640}>
        <Table highlightOnHover aria-label={t('checkpoints')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('colSequence')}</Table.Th>
              <Table.Th>{t('colSignedAt')}</Table.Th>
              <Table.Th>{t('colKeyId')}</Table.Th>
              <Table.Th>{t('hash')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((checkpoint) => (
              <Table.Tr key={checkpoint.id}>
                <Table.Td>{checkpoint.sequence}</Table.Td>
                <Table.Td>
                  <time dateTime={checkpoint.signed_at}>{formatInstant(checkpoint.signed_at)}</time>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {checkpoint.key_id}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" title={checkpoint.hash}>
                    {shortHash(checkpoint.hash)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    aria-label={t('downloadCheckpoint', { sequence: checkpoint.sequence })}
                    onClick={() => downloadCheckpoint(checkpoint)}
                  >
                    {t('download')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={list} count={items.length} />
    </Stack>
  );
}
