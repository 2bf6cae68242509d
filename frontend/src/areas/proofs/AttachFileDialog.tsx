import { Alert, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { acceptFor, FILE_PROBLEMS, precheckFile } from '../../api/files';
import { problemKey, problemMessage } from '../../api/problem';
import { DialogActions } from '../../components/DialogActions';
import { FilePicker, UploadProgress } from '../../components/FilePicker';
import { notifySaved } from '../../components/notify';
import { formatMegabytes } from '../../format';
import { PROOF_FILE_MAX_BYTES, type Proof } from './model';
import { uploadProofFile } from './queries';
import { useRefreshOrder } from './refresh';
import { reusedProof } from './words';


interface AttachFileDialogProps {
  proof: Proof;
  /** The proof's place among the order's, as the page numbers them. */
  position: number;
  onClose: () => void;
}

/**
 * Attaches a file that shows a pending proof, with the upload's progress in view. A file of a type
 * this kind of proof does not take, or too large, is refused here before a long upload; the server
 * judges the content anyway, and also refuses a file that already backs another order.
 */
export function AttachFileDialog({ proof, position, onClose }: AttachFileDialogProps) {
  const { t } = useTranslation('proofs');
  const refresh = useRefreshOrder(proof.order_id);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const types = proof.evidence_types.map((type) => t(`fileType.${type}`)).join(', ');
  const size = formatMegabytes(PROOF_FILE_MAX_BYTES);

  /** What a refusal says about the file, or null when it is about something else. */
  const aboutFile = (error: unknown): string | null => {
    const reused = reusedProof(error);
    if (reused) return reused.orderNumber ? t('attach.reusedOrder', { number: reused.orderNumber }) : t('attach.reusedUnknown');
    if (error instanceof ApiError && error.code !== null && FILE_PROBLEMS.has(error.code)) return problemMessage(t, error);
    return null;
  };

  const upload = useMutation({
    mutationFn: (chosen: File) => uploadProofFile(proof.id, chosen, setProgress),
    onSuccess: (attached) => {
      notifySaved(t('attach.done', { file: attached.file_name, position }));
      void refresh();
      onClose();
    },
    onError: (error) => {
      setProgress(null);
      const refusal = aboutFile(error);
      setFileError(refusal);
      // Refused for another reason (reviewed meanwhile, say): the proof may have moved on.
      if (refusal === null) void refresh();
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    upload.reset();
    const refusal = file === null ? 'file_missing' : precheckFile(file, proof.evidence_types, PROOF_FILE_MAX_BYTES);
    setFileError(refusal === null ? null : t(problemKey(refusal)));
    if (refusal !== null || file === null) return;
    setProgress(0);
    upload.mutate(file);
  };

  // A refusal about the file shows on its field; anything else above the form.
  const otherError = upload.isError && aboutFile(upload.error) === null ? problemMessage(t, upload.error) : null;

  return (
    <Modal opened onClose={onClose} title={t('attach.title', { position, kind: t(`kind.${proof.kind}`) })} size="lg">
      <form noValidate onSubmit={submit}>
        <Stack>
          {otherError && (
            <Alert color="red" role="alert">
              {otherError}
            </Alert>
          )}
          <Text size="sm">{t('attach.explain', { what: t(`attach.what.${proof.kind}`), types, size })}</Text>
          <FilePicker
            label={t('attach.file')}
            description={t('attach.fileHint', { types, size })}
            accept={acceptFor(proof.evidence_types)}
            required
            disabled={upload.isPending}
            error={fileError}
            onChange={(chosen) => {
              setFile(chosen);
              setFileError(null);
            }}
          />
          {progress !== null && <UploadProgress fraction={progress} />}
          <DialogActions onCancel={onClose} loading={upload.isPending} label={t('attach.action')} />
        </Stack>
      </form>
    </Modal>
  );
}
