import { Anchor, Button, Card, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, formatInstant } from '../../format';
import { Fact, ProofKindBadge, ProofStatusBadge } from './display';
import { asksPaidLabel, awaitsEvidence, type Proof } from './model';
import { ProofFiles } from './ProofFiles';
import type { Review } from './ReviewDialog';
import { formatDuration, formatTimeOfDay } from './words';

/** A value the proof should carry and does not: said, rather than left blank. */
function Missing() {
  const { t } = useTranslation('proofs');
  return (
    <Text span size="sm" c="dimmed">
      {t('common.none')}
    </Text>
  );
}

function orMissing<T>(value: T | null, show: (value: T) => ReactNode): ReactNode {
  return value === null ? <Missing /> : show(value);
}

/** What a proof of each kind shows, in the words of its kind. */
function Evidence({ proof }: { proof: Proof }) {
  const { t } = useTranslation('proofs');
  const day = orMissing(proof.published_on, formatDay);
  switch (proof.kind) {
    case 'url':
      return (
        <>
          <Fact label={t('field.url')}>
            {orMissing(proof.url, (url) => (
              <Anchor href={url} target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all' }}>
                {url}
              </Anchor>
            ))}
          </Fact>
          <Fact label={t('field.captured_at')}>{orMissing(proof.captured_at, formatInstant)}</Fact>
          <Fact label={t('field.content_sha256')}>
            {orMissing(proof.content_sha256, (hash) => (
              <Code style={{ wordBreak: 'break-all' }}>{hash}</Code>
            ))}
          </Fact>
        </>
      );
    case 'clipping':
      return (
        <>
          <Fact label={t('field.edition.clipping')}>{proof.edition ?? <Missing />}</Fact>
          <Fact label={t('field.published_on.clipping')}>{day}</Fact>
          <Fact label={t('field.page')}>{proof.page ?? <Missing />}</Fact>
        </>
      );
    case 'broadcast_log':
      return (
        <>
          <Fact label={t('field.published_on.broadcast_log')}>{day}</Fact>
          <Fact label={t('field.aired_at')}>{orMissing(proof.aired_at, formatTimeOfDay)}</Fact>
          <Fact label={t('field.duration_seconds')}>
            {orMissing(proof.duration_seconds, (seconds) => t('duration', { count: seconds, clock: formatDuration(seconds) }))}
          </Fact>
        </>
      );
    case 'delivery_receipt':
      return (
        <>
          <Fact label={t('field.edition.delivery_receipt')}>{proof.edition ?? <Missing />}</Fact>
          <Fact label={t('field.published_on.delivery_receipt')}>{day}</Fact>
          <Fact label={t('field.received_by')}>{proof.received_by ?? <Missing />}</Fact>
        </>
      );
  }
}

interface ProofCardProps {
  proof: Proof;
  position: number;
  /** The review buttons, for a pending proof of an order whose proof is still open, to a reviewer. */
  onReview?: (review: Review) => void;
  /** Attaching a file, for a pending proof, to those who hand in proofs. */
  onAttach?: () => void;
}

/** One proof: what it shows, whether the content says it is paid, its files, and its review. */
export function ProofCard({ proof, position, onReview, onAttach }: ProofCardProps) {
  const { t } = useTranslation('proofs');
  const name = t('proofName', { position, kind: t(`kind.${proof.kind}`) });
  // The server refuses to verify a clipping or a broadcast that shows no file; its files say why.
  const verifiable = !awaitsEvidence(proof);
  return (
    <Card withBorder component="article" aria-label={name} padding="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Group gap="xs">
            <Text fw={600}>{t('proofNumber', { position })}</Text>
            <ProofKindBadge kind={proof.kind} />
            <ProofStatusBadge status={proof.status} />
          </Group>
          {onReview && (
            <Group gap="xs" role="group" aria-label={t('review.actionsLabel', { position })}>
              {verifiable && (
                <Button size="xs" color="teal" onClick={() => onReview('verified')}>
                  {t('review.action.verified')}
                </Button>
              )}
              <Button size="xs" color="red" variant="light" onClick={() => onReview('rejected')}>
                {t('review.action.rejected')}
              </Button>
            </Group>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" verticalSpacing="xs">
          <Evidence proof={proof} />
          <Fact label={t('field.quantity')}>{t('units', { count: proof.quantity })}</Fact>
          <Fact label={t('field.paidLabel')}>
            {asksPaidLabel(proof.kind) ? (
              <Text span size="sm" c={proof.paid_content_labelled ? undefined : 'orange.8'} fw={proof.paid_content_labelled ? undefined : 600}>
                {t(proof.paid_content_labelled ? 'paidLabel.yes' : 'paidLabel.no')}
              </Text>
            ) : (
              <Text span size="sm" c="dimmed">
                {t('paidLabel.notAsked')}
              </Text>
            )}
          </Fact>
          <Fact label={t('field.handedIn')}>{formatInstant(proof.created_at)}</Fact>
        </SimpleGrid>
        {proof.note && (
          <Fact label={t('field.note')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {proof.note}
            </Text>
          </Fact>
        )}
        <ProofFiles proof={proof} position={position} onAttach={onAttach} />
        {proof.status !== 'pending' && (
          <Card withBorder padding="xs" bg={proof.status === 'rejected' ? 'red.0' : 'green.0'}>
            <Text size="sm" fw={500}>
              {proof.reviewed_at ? t(`reviewed.${proof.status}`, { when: formatInstant(proof.reviewed_at) }) : t(`status.${proof.status}`)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={proof.review_note ? undefined : 'dimmed'}>
              {proof.review_note ?? t('reviewed.noNote')}
            </Text>
          </Card>
        )}
      </Stack>
    </Card>
  );
}
