import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveBlob } from '../../api/files';
import { problemMessage } from '../../api/problem';
import type { Application, ApplicationDocument, Requirement, RequirementStatus } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { notifyFailed, notifySaved } from '../../components/notify';
import { formatDay, formatFileSize, formatInstant, formatMegabytes, hasExpired } from '../../format';
import { useLabel } from '../../hooks/useLabel';
import { ReviewBadge } from './display';
import { documentContent, documentsQuery, reviewDocument } from './queries';
import { useRefreshApplication, useStaleChange } from './refresh';
import { RejectDocumentDialog } from './RejectDocumentDialog';
import { UploadDocumentDialog } from './UploadDocumentDialog';

/** Fetches a document with the access token and hands it to the browser to save. */
function DownloadButton({ document, label }: { document: ApplicationDocument; label: string }) {
  const { t } = useTranslation('applications');
  const download = useMutation({
    mutationFn: () => documentContent(document),
    onSuccess: (blob) => saveBlob(blob, document.file_name),
    onError: (error) => notifyFailed(t('document.downloadFailed'), problemMessage(t, error)),
  });
  return (
    <Anchor component="button" type="button" size="sm" aria-label={label} onClick={() => download.mutate()} disabled={download.isPending}>
      {document.file_name}
    </Anchor>
  );
}

/** A handed-in document: its file, size, when, its validity, and its review. */
function DocumentFacts({ document, requirementName }: { document: ApplicationDocument; requirementName: string }) {
  const { t } = useTranslation('applications');
  const expired = hasExpired(document.expires_on);
  return (
    <Stack gap={2} align="flex-start">
      <DownloadButton document={document} label={t('document.download', { name: document.file_name, requirement: requirementName })} />
      <Text size="xs" c="dimmed">
        {t('document.uploaded', { size: formatFileSize(document.file_size), at: formatInstant(document.created_at) })}
      </Text>
      {document.expires_on && (
        <Text size="xs" c={expired ? 'red' : 'dimmed'} fw={expired ? 600 : undefined}>
          {t(expired ? 'document.expiredOn' : 'document.validUntil', { day: formatDay(document.expires_on) })}
        </Text>
      )}
    </Stack>
  );
}

function ReviewFacts({ document }: { document: ApplicationDocument }) {
  return (
    <Stack gap={2} align="flex-start">
      <ReviewBadge review={document.review} />
      {document.review_note && <Text size="xs">{document.review_note}</Text>}
      {document.reviewed_at && (
        <Text size="xs" c="dimmed">
          {formatInstant(document.reviewed_at)}
        </Text>
      )}
    </Stack>
  );
}

/** What a requirement takes: mandatory or not, whether its document states an end date, types and size. */
function RequirementFacts({ requirement }: { requirement: Requirement }) {
  const { t } = useTranslation('applications');
  return (
    <Group gap={4} mt={4}>
      {requirement.mandatory ? (
        <Badge color="red" variant="light" size="sm" tt="none">
          {t('requirement.mandatory')}
        </Badge>
      ) : (
        <Badge color="gray" variant="light" size="sm" tt="none">
          {t('requirement.optional')}
        </Badge>
      )}
      {requirement.needs_expiry && (
        <Badge color="blue" variant="light" size="sm" tt="none">
          {t('requirement.needsExpiry')}
        </Badge>
      )}
      <Text size="xs" c="dimmed">
        {t('requirement.takes', {
          types: requirement.file_types.map((type) => t(`fileType.${type}`)).join(', '),
          size: formatMegabytes(requirement.max_size_bytes),
        })}
      </Text>
    </Group>
  );
}

type Dialog = { kind: 'upload'; requirement: Requirement } | { kind: 'reject'; document: ApplicationDocument; requirementName: string };

interface RequirementsProps {
  application: Application;
  requirements: readonly RequirementStatus[];
}

/**
 * The requirements of the application's policy for its media type, each with its current
 * document: uploaded while the application is being prepared or revised, reviewed while it is in
 * review, and each with the documents it replaced.
 */
export function Requirements({ application, requirements }: RequirementsProps) {
  const { t } = useTranslation('applications');
  const label = useLabel();
  const canManage = useCan('applications.manage');
  const canReview = useCan('applications.review');
  const refresh = useRefreshApplication(application.id);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [history, setHistory] = useState<ReadonlySet<string>>(new Set());
  const close = () => setDialog(null);
  const stale = useStaleChange(application.id, close);
  const documents = useQuery(documentsQuery(application.id));

  const takesDocuments = canManage && (application.state === 'draft' || application.state === 'revision_requested');
  const reviewing = canReview && application.state === 'in_review';

  const accept = useMutation({
    mutationFn: (document: ApplicationDocument) => reviewDocument(document, { review: 'accepted', note: null }),
    onSuccess: (document) => {
      const requirement = requirements.find((status) => status.requirement.code === document.requirement);
      notifySaved(t('review.accepted', { name: requirement ? label(requirement.requirement.label) : document.requirement }));
      void refresh();
    },
    onError: (error) => {
      if (stale(error)) return;
      notifyFailed(t('review.failed'), problemMessage(t, error));
      void refresh();
    },
  });

  const mandatory = requirements.filter((status) => status.requirement.mandatory);
  const accepted = mandatory.filter((status) => status.document?.review === 'accepted').length;
  const replaced = (code: string) => (documents.data ?? []).filter((document) => document.requirement === code && !document.current);
  const toggleHistory = (code: string) => {
    setHistory((shown) => {
      const next = new Set(shown);
      if (!next.delete(code)) next.add(code);
      return next;
    });
  };

  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t('requirement.title')}
      </Title>
      <Text size="sm">{t('requirement.summary', { accepted, count: mandatory.length })}</Text>
      {takesDocuments && <Text size="sm" c="dimmed">{t('requirement.uploadHint')}</Text>}
      <Table.ScrollContainer minWidth={900}>
        <Table striped aria-label={t('requirement.table')} verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('requirement.colRequirement')}</Table.Th>
              <Table.Th>{t('requirement.colDocument')}</Table.Th>
              <Table.Th>{t('requirement.colReview')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {requirements.map(({ requirement, document }) => {
              const name = label(requirement.label);
              const older = replaced(requirement.code);
              const showHistory = history.has(requirement.code);
              return (
                <Fragment key={requirement.code}>
                  <Table.Tr>
                    <Table.Th scope="row" fw={400} style={{ verticalAlign: 'top' }}>
                      <Text size="sm" fw={500}>
                        {name}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {requirement.code}
                      </Text>
                      <RequirementFacts requirement={requirement} />
                    </Table.Th>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      {document ? <DocumentFacts document={document} requirementName={name} /> : <Text size="sm" c="dimmed">{t('document.none')}</Text>}
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>{document && <ReviewFacts document={document} />}</Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Group gap={6}>
                        {takesDocuments && (
                          <Button size="xs" variant={document ? 'default' : 'filled'} aria-label={t(document ? 'upload.replaceFor' : 'upload.for', { name })} onClick={() => setDialog({ kind: 'upload', requirement })}>
                            {t(document ? 'upload.replace' : 'upload.action')}
                          </Button>
                        )}
                        {reviewing && document && document.review !== 'accepted' && (
                          <Button size="xs" color="green" aria-label={t('review.acceptFor', { name })} loading={accept.isPending && accept.variables.id === document.id} onClick={() => accept.mutate(document)}>
                            {t('review.accept')}
                          </Button>
                        )}
                        {reviewing && document && document.review !== 'rejected' && (
                          <Button size="xs" color="red" variant="light" aria-label={t('review.rejectFor', { name })} onClick={() => setDialog({ kind: 'reject', document, requirementName: name })}>
                            {t('review.reject')}
                          </Button>
                        )}
                        {older.length > 0 && (
                          <Button size="xs" variant="subtle" aria-expanded={showHistory} aria-label={t('history.documentsFor', { name, count: older.length })} onClick={() => toggleHistory(requirement.code)}>
                            {t('history.documents', { count: older.length })}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                  {showHistory &&
                    older.map((old) => (
                      <Table.Tr key={old.id} bg="var(--mantine-color-gray-0)">
                        <Table.Td>
                          <Text size="xs" c="dimmed">
                            {t('history.replaced')}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <DocumentFacts document={old} requirementName={name} />
                        </Table.Td>
                        <Table.Td>
                          <ReviewFacts document={old} />
                        </Table.Td>
                        <Table.Td />
                      </Table.Tr>
                    ))}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {dialog?.kind === 'upload' && <UploadDocumentDialog application={application} requirement={dialog.requirement} onClose={close} />}
      {dialog?.kind === 'reject' && (
        <RejectDocumentDialog application={application} document={dialog.document} requirementName={dialog.requirementName} onClose={close} />
      )}
    </Stack>
  );
}
