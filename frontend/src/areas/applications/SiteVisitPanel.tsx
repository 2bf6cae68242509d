import { Badge, Button, Group, Image, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { acceptFor, precheckFile } from '../../api/files';
import { problemMessage } from '../../api/problem';
import type { Application, FileType, SiteVisit, SiteVisitPhoto } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilePicker, UploadProgress } from '../../components/FilePicker';
import { notifySaved } from '../../components/notify';
import { PageLoader } from '../../components/PageLoader';
import { formatDay, formatFileSize, formatInstant, formatMegabytes, MEGABYTE } from '../../format';
import { photoContentQuery, photosQuery, uploadPhoto, visitQuery } from './queries';
import { useRefreshApplication } from './refresh';
import { VisitFormDialog } from './VisitFormDialog';

/** What the server takes as a photo of a visit: its spec says JPEG or PNG, at most 10 MiB. */
const PHOTO_TYPES: readonly FileType[] = ['jpeg', 'png'];
const PHOTO_MAX_BYTES = 10 * MEGABYTE;

/** One photo, fetched with the access token and shown from the browser's memory. */
function Photo({ photo }: { photo: SiteVisitPhoto }) {
  const { t } = useTranslation('applications');
  const content = useQuery(photoContentQuery(photo));
  const url = useMemo(() => (content.data ? URL.createObjectURL(content.data) : null), [content.data]);
  // The browser keeps an object address's content until it is let go.
  useEffect(
    () => () => {
      if (url !== null) URL.revokeObjectURL(url);
    },
    [url],
  );
  return (
    <Stack gap={4}>
      {url ? (
        <Image src={url} alt={t('visit.photoAlt', { file: photo.file_name })} radius="sm" h={160} fit="cover" />
      ) : (
        <Paper withBorder h={160}>
          {content.isError ? <ErrorAlert error={content.error} /> : <PageLoader />}
        </Paper>
      )}
      <Text size="xs" c="dimmed">
        {t('visit.photoFacts', { file: photo.file_name, size: formatFileSize(photo.file_size), at: formatInstant(photo.created_at) })}
      </Text>
    </Stack>
  );
}

function PhotoUpload({ application }: { application: Application }) {
  const { t } = useTranslation('applications');
  const refresh = useRefreshApplication(application.id);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [attempt, setAttempt] = useState(0);
  const types = PHOTO_TYPES.map((type) => t(`fileType.${type}`)).join(', ');
  const size = formatMegabytes(PHOTO_MAX_BYTES);
  const refusal = (code: string | null) =>
    code === 'file_type_not_allowed' ? t('upload.refusedType', { types }) : code === 'file_too_large' ? t('upload.refusedSize', { size }) : null;
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadPhoto(application.id, chosen, setProgress),
    onSuccess: (photo) => {
      notifySaved(t('visit.photoAdded', { file: photo.file_name }));
      setProgress(null);
      setFile(null);
      // A new input: the browser keeps the file it last chose otherwise.
      setAttempt((count) => count + 1);
      void refresh();
    },
    onError: (failure) => {
      setProgress(null);
      setError(refusal(failure instanceof ApiError ? failure.code : null) ?? problemMessage(t, failure));
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const problem = file === null ? 'file_missing' : precheckFile(file, PHOTO_TYPES, PHOTO_MAX_BYTES);
    if (problem !== null || file === null) {
      setError(refusal(problem) ?? t(`problem.${problem ?? 'file_missing'}`));
      return;
    }
    setError(null);
    setProgress(0);
    upload.mutate(file);
  };
  return (
    <form noValidate onSubmit={submit} aria-label={t('visit.photoUpload')}>
      <Group align="flex-end">
        <FilePicker
          key={attempt}
          label={t('visit.photo')}
          description={t('upload.fileHint', { types, size })}
          accept={acceptFor(PHOTO_TYPES)}
          disabled={upload.isPending}
          error={error}
          onChange={(chosen) => {
            setFile(chosen);
            setError(null);
          }}
        />
        <Button type="submit" variant="light" loading={upload.isPending}>
          {t('visit.photoAdd')}
        </Button>
      </Group>
      {progress !== null && <UploadProgress fraction={progress} />}
    </form>
  );
}

function VisitRecord({ visit }: { visit: SiteVisit }) {
  const { t } = useTranslation('applications');
  return (
    <Stack gap="sm">
      <Group gap="xl" align="flex-start">
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {t('visit.visitedOn')}
          </Text>
          <Text size="sm">{formatDay(visit.visited_on)}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {t('visit.conclusion')}
          </Text>
          <Badge color={visit.conclusion === 'confirmed' ? 'green' : 'red'} variant="light" tt="none">
            {t(`visitConclusion.${visit.conclusion}`)}
          </Badge>
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {t('visit.team')}
          </Text>
          <List size="sm" spacing={0}>
            {visit.team.map((name, index) => (
              <List.Item key={`${name}-${index}`}>{name}</List.Item>
            ))}
          </List>
        </div>
      </Group>
      {visit.checklist.length > 0 && (
        <Table aria-label={t('visit.checklist')} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('visit.colItem')}</Table.Th>
              <Table.Th>{t('visit.colOk')}</Table.Th>
              <Table.Th>{t('visit.colNote')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visit.checklist.map((line, index) => (
              <Table.Tr key={`${line.item}-${index}`}>
                <Table.Td>{line.item}</Table.Td>
                <Table.Td>
                  <Badge color={line.ok ? 'green' : 'red'} variant="light" tt="none">
                    {t(line.ok ? 'visit.held' : 'visit.notHeld')}
                  </Badge>
                </Table.Td>
                <Table.Td>{line.note ?? t('common.none')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {visit.notes && <Text size="sm">{visit.notes}</Text>}
      <Text size="xs" c="dimmed">
        {t('visit.lastChanged', { at: formatInstant(visit.updated_at) })}
      </Text>
    </Stack>
  );
}

/**
 * The site visit (*verifikasi faktual*): what the team saw at the newsroom and office, what they
 * concluded, and their photos. Recorded and corrected by a verifier while the application is in review.
 */
export function SiteVisitPanel({ application }: { application: Application }) {
  const { t } = useTranslation('applications');
  const canReview = useCan('applications.review');
  const visit = useQuery(visitQuery(application.id));
  const photos = useQuery(photosQuery(application.id));
  const [editing, setEditing] = useState(false);
  const title = t('visit.title');
  const recording = canReview && application.state === 'in_review';

  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack>
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h3">
              {title}
            </Title>
            <Text size="sm" c="dimmed" maw={640}>
              {t('visit.intro')}
            </Text>
          </div>
          {recording && visit.isSuccess && <Button onClick={() => setEditing(true)}>{t(visit.data ? 'visit.edit' : 'visit.record')}</Button>}
        </Group>
        {visit.isPending && <PageLoader />}
        {visit.isError && <ErrorAlert error={visit.error} onRetry={() => void visit.refetch()} />}
        {visit.isSuccess && (visit.data ? <VisitRecord visit={visit.data} /> : <Text size="sm" c="dimmed">{t('readiness.noVisit')}</Text>)}

        <Title order={3} size="h4">
          {t('visit.photos')}
        </Title>
        {photos.isError && <ErrorAlert error={photos.error} onRetry={() => void photos.refetch()} />}
        {photos.data && photos.data.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('visit.noPhotos')}
          </Text>
        )}
        {photos.data && photos.data.length > 0 && (
          <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} role="list" aria-label={t('visit.photos')}>
            {photos.data.map((photo) => (
              <div role="listitem" key={photo.id}>
                <Photo photo={photo} />
              </div>
            ))}
          </SimpleGrid>
        )}
        {recording && <PhotoUpload application={application} />}
      </Stack>
      {editing && <VisitFormDialog application={application} visit={visit.data ?? null} onClose={() => setEditing(false)} />}
    </Paper>
  );
}
