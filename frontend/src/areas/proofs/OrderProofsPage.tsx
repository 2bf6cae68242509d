import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotFoundPage } from '../../components/NotFoundPage';
import { PageLoader } from '../../components/PageLoader';
import { formatDay, formatRupiah } from '../../format';
import { AttachFileDialog } from './AttachFileDialog';
import { DecisionDialog } from './DecisionDialog';
import { Fact, OrderStateBadge } from './display';
import { HandInDialog } from './HandInDialog';
import { decisionBlocks, takesProofs, tally, type Order, type Proof, type ProofTally } from './model';
import { ProofCard } from './ProofCard';
import { orderProofsQuery, orderQuery, type Decision } from './queries';
import { ReviewDialog, type Review } from './ReviewDialog';

/**
 * Where the order's proof stands, and the two decisions for those who review: each button is
 * offered only when the server would take it, and says otherwise what stands in the way.
 */
function DecisionPanel({ order, counts, onDecide }: { order: Order; counts: ProofTally; onDecide: (decision: Decision) => void }) {
  const { t } = useTranslation('proofs');
  const blocks = decisionBlocks(order, counts);
  const decisions: { decision: Decision; color: string }[] = [
    { decision: 'verify', color: 'teal' },
    { decision: 'reject', color: 'red' },
  ];
  const blocked = (decision: Decision) => {
    const block = blocks[decision];
    return block === null ? [] : [t('decision.blocked', { decision: t(`decision.action.${decision}`), reason: t(`decision.block.${block}`) })];
  };
  // Both held back for one reason (a proof still waits): said once.
  const reasons =
    blocks.verify !== null && blocks.verify === blocks.reject ? [t(`decision.block.${blocks.verify}`)] : decisions.flatMap(({ decision }) => blocked(decision));
  return (
    <Card withBorder component="section" aria-label={t('decision.label')}>
      <Stack gap="xs">
        <Text fw={600}>{t('decision.label')}</Text>
        <Text size="sm">
          {t('tally', { count: counts.pending + counts.verified + counts.rejected, pending: counts.pending, verified: counts.verified, rejected: counts.rejected })}
        </Text>
        <Group gap="xs" role="group" aria-label={t('decision.actionsLabel')}>
          {decisions.map(({ decision, color }) => (
            <Button
              key={decision}
              color={color}
              variant={decision === 'reject' ? 'light' : 'filled'}
              disabled={blocks[decision] !== null}
              onClick={() => onDecide(decision)}
            >
              {t(`decision.action.${decision}`)}
            </Button>
          ))}
        </Group>
        {reasons.map((reason) => (
          <Text key={reason} size="sm" c="dimmed">
            {reason}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

function ProofList({ order, proofs }: { order: Order; proofs: readonly Proof[] }) {
  const { t } = useTranslation('proofs');
  const canReview = useCan('proofs.review');
  const canManage = useCan('proofs.manage');
  const [reviewing, setReviewing] = useState<{ proof: Proof; position: number; review: Review } | null>(null);
  const [attaching, setAttaching] = useState<{ proof: Proof; position: number } | null>(null);
  if (proofs.length === 0) {
    return <Text c="dimmed">{t(order.state === 'accepted' ? 'noProofsYet' : 'noProofs')}</Text>;
  }
  const reviewable = (proof: Proof) => canReview && proof.status === 'pending' && order.state === 'published';
  // The server takes a proof's files only until it is reviewed, from those who hand proofs in.
  const attachable = (proof: Proof) => canManage && proof.status === 'pending';
  return (
    <>
      {proofs.map((proof, index) => (
        <ProofCard
          key={proof.id}
          proof={proof}
          position={index + 1}
          onReview={reviewable(proof) ? (review) => setReviewing({ proof, position: index + 1, review }) : undefined}
          onAttach={attachable(proof) ? () => setAttaching({ proof, position: index + 1 }) : undefined}
        />
      ))}
      {reviewing && <ReviewDialog {...reviewing} onClose={() => setReviewing(null)} />}
      {attaching && <AttachFileDialog {...attaching} onClose={() => setAttaching(null)} />}
    </>
  );
}

function OrderView({ order }: { order: Order }) {
  const { t } = useTranslation('proofs');
  const canReview = useCan('proofs.review');
  const canManage = useCan('proofs.manage');
  const proofs = useQuery(orderProofsQuery(order.id));
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [handingIn, setHandingIn] = useState(false);
  const counts = proofs.data ? tally(order, proofs.data) : null;

  return (
    <Stack>
      <Anchor component={Link} to="/proofs" size="sm">
        {t('backToList')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1}>{t('orderTitle', { number: order.number })}</Title>
          <Group gap="xs">
            <OrderStateBadge state={order.state} size="lg" />
            <Badge variant="outline" color="gray" tt="none">
              {t(`mediaType.${order.media_type}`)}
            </Badge>
            <Badge variant="outline" color="gray" tt="none">
              {t('yearShort', { year: order.fiscal_year })}
            </Badge>
          </Group>
          <Text size="sm" maw={720}>
            {order.subject}
          </Text>
        </Stack>
        {canManage && takesProofs(order) && proofs.data && <Button onClick={() => setHandingIn(true)}>{t('handIn.open')}</Button>}
      </Group>

      <Group gap="xl" align="flex-start">
        <Fact label={t('field.company')}>{order.company_name}</Fact>
        {order.content_title && <Fact label={t('field.content')}>{order.content_title}</Fact>}
        <Fact label={t('field.outlet')}>{order.outlet_name}</Fact>
        <Fact label={t('field.ordered')}>{t('orderedUnits', { count: order.quantity, product: order.product, price: formatRupiah(order.unit_price.amount) })}</Fact>
        <Fact label={t('field.amount')}>{formatRupiah(order.amount.amount)}</Fact>
        <Fact label={t('field.window')}>{t('window', { from: formatDay(order.due_from), until: formatDay(order.due_until) })}</Fact>
        <Fact label={t('field.published')}>{order.published_on ? formatDay(order.published_on) : t('notPublished')}</Fact>
        {order.verified_quantity !== null && <Fact label={t('field.verifiedQuantity')}>{t('units', { count: order.verified_quantity })}</Fact>}
      </Group>

      {order.state === 'proof_rejected' && (
        <Alert color="orange" variant="filled" title={t('rejectedOrder.title')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {order.last_reason ?? t('rejectedOrder.noReason')}
          </Text>
        </Alert>
      )}

      {proofs.isPending && <PageLoader />}
      {proofs.isError && <ErrorAlert error={proofs.error} onRetry={() => void proofs.refetch()} />}
      {counts && order.state === 'published' && canReview && <DecisionPanel order={order} counts={counts} onDecide={setDeciding} />}
      {/* Who may not review (a treasurer) is told who will. */}
      {counts && order.state === 'published' && !canReview && counts.pending > 0 && (
        <Text size="sm" c="dimmed">
          {t('reviewedByOthers', { count: counts.pending })}
        </Text>
      )}

      <Stack component="section" aria-label={t('proofsLabel')} gap="sm">
        <Title order={2} size="h3">
          {t('proofsLabel')}
        </Title>
        {proofs.data && <ProofList order={order} proofs={proofs.data} />}
      </Stack>

      {deciding && counts && <DecisionDialog order={order} decision={deciding} counts={counts} onClose={() => setDeciding(null)} />}
      {handingIn && proofs.data && <HandInDialog order={order} proofs={proofs.data} onClose={() => setHandingIn(false)} />}
    </Stack>
  );
}

/** One order's proofs of publication: each proof with its review, the order's decision, and handing in another. */
export function OrderProofsPage() {
  const { id = '' } = useParams();
  const order = useQuery(orderQuery(id));
  if (order.isPending) return <PageLoader />;
  if (order.isError) {
    // A mistyped or foreign id: the server knows no such order in this organisation.
    if (order.error instanceof ApiError && (order.error.status === 404 || order.error.status === 400)) return <NotFoundPage />;
    return <ErrorAlert error={order.error} onRetry={() => void order.refetch()} />;
  }
  return <OrderView order={order.data} />;
}
