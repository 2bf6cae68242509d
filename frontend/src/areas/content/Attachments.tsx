import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveBlob } from '../../api/files';
import { problemMessage } from '../../api/problem';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyFailed } from '../../components/notify';
import { formatInstant, formatMegabytes } from '../../format';
import type { ContentAttachment, ContentItem } from './model';
import { attachmentContent, attachmentsQuery } from './queries';
import { UploadAttachmentDialog } from './UploadAttachmentDialog';

/** Fetches a file with the access token, then hands it to the browser to save. */
function Download({ attachment }: { attachment: ContentAttachment }) {
  const { t } = useTranslation('content');
  const download = useMutation({
    mutationFn: () => attachmentContent(attachment),
    onSuccess: (blob) => saveBlob(blob, attachment.file_name),
    onError: (error) => notifyFailed(t('attachments.downloadFailed'), problemMessage(t, error)),
  });
  return (
    <Anchor component="button" type="button" size="sm" aria-label={t('attachments.download', { file: attachment.file_name })} onClick={() => download.mutate()} disabled={download.isPending}>
      {attachment.file_name}
    </Anchor>
  );
}

/** An item's files, each to download, and (for those who write content) a new one to attach. */
export function Attachments({ item, canManage }: { item: ContentItem; canManage: boolean }) {
  const { t } = useTranslation('content');
  const attachments = useQuery(attachmentsQuery(item.id));
  const [uploading, setUploading] = useState(false);
  const title = t('attachments.title');
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h3">
            {title}
          </Title>
          {canManage && (
            <Button variant="default" onClick={() => setUploading(true)}>
              {t('attachments.add')}
            </Button>
          )}
        </Group>
        {attachments.isError && <ErrorAlert error={attachments.error} onRetry={() => void attachments.refetch()} />}
        {attachments.isPending && <Text c="dimmed">{t('common.loading')}</Text>}
        {attachments.data?.length === 0 && <Text c="dimmed">{t('attachments.none')}</Text>}
        {attachments.data && attachments.data.length > 0 && (
          <Table aria-label={t('attachments.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('attachments.colFile')}</Table.Th>
                <Table.Th>{t('attachments.colType')}</Table.Th>
                <Table.Th>{t('attachments.colSize')}</Table.Th>
                <Table.Th>{t('attachments.colAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {attachments.data.map((attachment) => (
                <Table.Tr key={attachment.id}>
                  <Table.Td>
                    <Download attachment={attachment} />
                  </Table.Td>
                  <Table.Td>{t(`fileType.${attachment.file_type}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{t('attachments.size', { size: formatMegabytes(attachment.file_size) })}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatInstant(attachment.created_at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {uploading && <UploadAttachmentDialog item={item} onClose={() => setUploading(false)} />}
    </Paper>
  );
}
