import { Alert, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { limits } from '../../api/limits';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { useApiForm } from '../../hooks/useApiForm';
import { asksPaidLabel, type Proof } from './model';
import { proofKeys, reviewProof } from './queries';
import { useRefreshOrder, useStaleChange } from './refresh';
import { reviewSchema } from './schemas';

export type Review = 'verified' | 'rejected';

interface ReviewDialogProps {
  proof: Proof;
  /** The proof's place among the order's, as the page numbers them. */
  position: number;
  review: Review;
  onClose: () => void;
}

/**
 * Verifies or rejects one proof. A rejection says what the proof does not show (the company reads
 * it); a verification of content not labelled as paid is refused by the server, so it warns first.
 */
export function ReviewDialog({ proof, position, review, onClose }: ReviewDialogProps) {
  const { t } = useTranslation('proofs');
  const queryClient = useQueryClient();
  const refresh = useRefreshOrder(proof.order_id);
  const stale = useStaleChange(proof.order_id, onClose);
  const rejecting = review === 'rejected';
  const reviewForm = useApiForm({
    schema: reviewSchema(rejecting),
    defaultValues: { note: '' },
    send: ({ note }) => reviewProof(proof, { status: review, note }),
    limits: limits.ProofReviewRequest,
    onSuccess: (reviewed) => {
      notifySaved(t(`review.done.${review}`, { position }));
      queryClient.setQueryData<Proof[]>(proofKeys.proofs(reviewed.order_id), (proofs) =>
        proofs?.map((candidate) => (candidate.id === reviewed.id ? reviewed : candidate)),
      );
      void refresh();
      onClose();
    },
    onError: (error) => {
      // Whatever the refusal, the proof may have moved on: read it again.
      if (!stale(error)) void refresh();
    },
  });
  const unlabelled = !rejecting && asksPaidLabel(proof.kind) && !proof.paid_content_labelled;

  return (
    <FormDialog
      form={reviewForm}
      title={t(`review.title.${review}`, { position, kind: t(`kind.${proof.kind}`) })}
      onClose={onClose}
      submitLabel={t(`review.action.${review}`)}
      color={rejecting ? 'red' : 'teal'}
    >
      <Text size="sm">{t(`review.explain.${review}`, { count: proof.quantity })}</Text>
      {unlabelled && (
        <Alert color="orange" title={t('review.unlabelledTitle')}>
          {t('review.unlabelled')}
        </Alert>
      )}
      <Textarea
        label={t(rejecting ? 'review.noteRequired' : 'review.noteOptional')}
        description={t(rejecting ? 'review.noteRequiredHint' : 'review.noteOptionalHint')}
        required={rejecting}
        rows={3}
        error={reviewForm.fieldError('note')}
        {...reviewForm.form.register('note')}
      />
    </FormDialog>
  );
}
