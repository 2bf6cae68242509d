import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotFoundPage } from '../../components/NotFoundPage';
import { PageLoader } from '../../components/PageLoader';
import { formatDay, formatInstant } from '../../format';
import { Attachments } from './Attachments';
import { ContentFormDialog } from './ContentFormDialog';
import { Body, KindBadge } from './display';
import { contentItemQuery } from './queries';

/** One press release or material: its text with its paragraphs, its files, and (for writers) a way to rewrite it. */
export function ContentItemPage() {
  const { t } = useTranslation('content');
  const { id = '' } = useParams();
  const canManage = useCan('content.manage');
  const item = useQuery(contentItemQuery(id));
  const [editing, setEditing] = useState(false);

  if (item.isPending) return <PageLoader />;
  if (item.isError) {
    if (item.error instanceof ApiError && (item.error.status === 404 || item.error.status === 400)) return <NotFoundPage />;
    return <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />;
  }
  const content = item.data;

  return (
    <Stack>
      <Anchor component={Link} to="/content" size="sm">
        {t('backToList')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1}>{content.title}</Title>
          <Group gap="xs">
            <KindBadge kind={content.kind} />
            <Text size="sm" c="dimmed">
              {t('releasedOn', { day: formatDay(content.released_on) })}
            </Text>
          </Group>
        </Stack>
        {canManage && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('edit')}
          </Button>
        )}
      </Group>

      <Paper withBorder p="md" component="article" aria-label={t('bodyLabel')}>
        <Body body={content.body} />
        <Text size="xs" c="dimmed">
          {t('updatedAt', { at: formatInstant(content.updated_at) })}
        </Text>
      </Paper>

      <Attachments item={content} canManage={canManage} />

      {editing && <ContentFormDialog item={content} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
