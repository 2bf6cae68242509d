import { Alert, Checkbox, Select, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { limits } from '../../api/limits';
import { proofKindValues } from '../../api/schema';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { jakartaToday } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { asksPaidLabel, USUAL_KIND, type Order, type Proof } from './model';
import { handInProof } from './queries';
import { useRefreshOrder } from './refresh';
import { fieldsOf, proofRequest, proofSchema, type ProofValues } from './schemas';
import { reusedProof, type ReusedProof } from './words';

interface HandInDialogProps {
  order: Order;
  proofs: readonly Proof[];
  onClose: () => void;
}

/** Units of the order not yet shown by a proof that stands, offered as the new proof's quantity. */
function unitsLeft(order: Order, proofs: readonly Proof[]): number {
  const shown = proofs.filter((proof) => proof.status !== 'rejected').reduce((sum, proof) => sum + proof.quantity, 0);
  return Math.max(1, order.quantity - shown);
}

/** The proof's address or content already backs another order, which the server names. */
function ReusedAlert({ reused }: { reused: ReusedProof }) {
  const { t } = useTranslation('proofs');
  return (
    <Alert color="red" title={t('handIn.reusedTitle')} role="status">
      <Text size="sm">{reused.orderNumber ? t('handIn.reusedOrder', { number: reused.orderNumber }) : t('handIn.reusedUnknown')}</Text>
    </Alert>
  );
}

/**
 * Hands in a company's proof of publication for an order. What must be filled in depends on the
 * kind of proof: a web page's address, capture time and content hash; a clipping's edition, date
 * and page; a broadcast log's date, time and duration; a delivery receipt's edition, date and receiver.
 */
export function HandInDialog({ order, proofs, onClose }: HandInDialogProps) {
  const { t } = useTranslation('proofs');
  const refresh = useRefreshOrder(order.id);
  const [reused, setReused] = useState<ReusedProof | null>(null);
  const defaults: ProofValues = {
    kind: USUAL_KIND[order.media_type],
    quantity: String(unitsLeft(order, proofs)),
    paid_content_labelled: false,
    url: '',
    captured_at: '',
    content_sha256: '',
    edition: '',
    published_on: '',
    page: '',
    aired_at: '',
    duration_seconds: '',
    received_by: '',
    note: '',
  };
  const proofForm = useApiForm({
    schema: proofSchema,
    defaultValues: defaults,
    send: (values) => {
      setReused(null);
      return handInProof(order.id, proofRequest(values));
    },
    limits: limits.ProofRequest,
    onSuccess: () => {
      notifySaved(t('handIn.done', { number: order.number }));
      void refresh();
      onClose();
    },
    onError: (error) => {
      setReused(reusedProof(error));
      void refresh();
    },
  });
  const { control, register } = proofForm.form;
  const kind = useWatch({ control, name: 'kind' });
  const shown = new Set(fieldsOf(kind));
  const field = (name: Parameters<typeof proofForm.fieldError>[0]) => ({ error: proofForm.fieldError(name), ...register(name) });

  return (
    <FormDialog form={proofForm} title={t('handIn.title', { number: order.number })} onClose={onClose} submitLabel={t('handIn.submit')} size="lg">
      <Text size="sm">{t('handIn.explain', { outlet: order.outlet_name, count: order.quantity })}</Text>
      {reused && <ReusedAlert reused={reused} />}
      <Controller
        control={control}
        name="kind"
        render={({ field: kindField }) => (
          <Select
            label={t('field.kind')}
            description={t('hint.kind')}
            required
            allowDeselect={false}
            data={proofKindValues.map((value) => ({ value, label: t(`kind.${value}`) }))}
            value={kindField.value}
            onChange={(value) => {
              const next = proofKindValues.find((candidate) => candidate === value);
              if (next) kindField.onChange(next);
            }}
            onBlur={kindField.onBlur}
            ref={kindField.ref}
            error={proofForm.fieldError('kind')}
          />
        )}
      />
      <TextInput label={t('field.quantity')} description={t('hint.quantity', { count: order.quantity })} required inputMode="numeric" w={220} {...field('quantity')} />

      {shown.has('url') && (
        <TextInput label={t('field.url')} description={t('hint.url')} required type="url" placeholder="https://" autoComplete="off" {...field('url')} />
      )}
      {shown.has('captured_at') && <TextInput label={t('field.captured_at')} description={t('hint.captured_at')} required type="datetime-local" {...field('captured_at')} />}
      {shown.has('content_sha256') && (
        <TextInput
          label={t('field.content_sha256')}
          description={t('hint.content_sha256')}
          required
          autoComplete="off"
          spellCheck={false}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          {...field('content_sha256')}
        />
      )}
      {shown.has('edition') && <TextInput label={t(`field.edition.${kind}`)} required {...field('edition')} />}
      {shown.has('published_on') && (
        <TextInput label={t(`field.published_on.${kind}`)} required type="date" max={jakartaToday()} {...field('published_on')} />
      )}
      {shown.has('page') && <TextInput label={t('field.page')} description={t('hint.page')} required {...field('page')} />}
      {shown.has('aired_at') && <TextInput label={t('field.aired_at')} description={t('hint.aired_at')} required type="time" step={1} {...field('aired_at')} />}
      {shown.has('duration_seconds') && (
        <TextInput label={t('field.duration_seconds')} description={t('hint.duration_seconds')} required inputMode="numeric" w={220} {...field('duration_seconds')} />
      )}
      {shown.has('received_by') && <TextInput label={t('field.received_by')} description={t('hint.received_by')} required {...field('received_by')} />}

      {asksPaidLabel(kind) && (
        <Checkbox label={t('field.paid_content_labelled')} description={t('hint.paid_content_labelled')} {...register('paid_content_labelled')} />
      )}
      <Textarea label={t('field.note')} description={t('hint.note')} rows={2} {...field('note')} />
    </FormDialog>
  );
}
