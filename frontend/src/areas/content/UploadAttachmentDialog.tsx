import { Alert, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { acceptFor, FILE_PROBLEMS, precheckFile } from '../../api/files';
import { problemMessage } from '../../api/problem';
import { DialogActions } from '../../components/DialogActions';
import { FilePicker, UploadProgress } from '../../components/FilePicker';
import { notifySaved } from '../../components/notify';
import { formatMegabytes } from '../../format';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type ContentItem } from './model';
import { contentKeys, uploadAttachment } from './queries';

/**
 * Attaches a file (PDF, JPEG or PNG, at most 20 MiB) to a content item, with the upload's progress
 * in view. A file of the wrong type or size is refused here before it is sent; the server judges
 * the content anyway, and its refusal is shown the same way.
 */
export function UploadAttachmentDialog({ item, onClose }: { item: ContentItem; onClose: () => void }) {
  const { t } = useTranslation('content');
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const types = ATTACHMENT_TYPES.map((type) => t(`fileType.${type}`)).join(', ');
  const size = formatMegabytes(ATTACHMENT_MAX_BYTES);

  const fileProblem = (code: string): string => {
    switch (code) {
      case 'file_type_not_allowed':
        return t('upload.refusedType', { types });
      case 'file_too_large':
        return t('upload.refusedSize', { size });
      default:
        return t(`problem.${code}`);
    }
  };

  const upload = useMutation({
    mutationFn: (chosen: File) => uploadAttachment(item.id, chosen, setProgress),
    onSuccess: (attachment) => {
      notifySaved(t('upload.done', { file: attachment.file_name }));
      void queryClient.invalidateQueries({ queryKey: contentKeys.attachments(item.id) });
      onClose();
    },
    onError: (error) => {
      setProgress(null);
      if (error instanceof ApiError && error.code !== null && FILE_PROBLEMS.has(error.code)) setFileError(fileProblem(error.code));
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    upload.reset();
    const refusal = file === null ? 'file_missing' : precheckFile(file, ATTACHMENT_TYPES, ATTACHMENT_MAX_BYTES);
    setFileError(refusal === null ? null : fileProblem(refusal));
    if (refusal !== null || file === null) return;
    setProgress(0);
    upload.mutate(file);
  };

  // A refusal about the file shows on its field; anything else above the form.
  const otherError =
    upload.isError && !(upload.error instanceof ApiError && upload.error.code !== null && FILE_PROBLEMS.has(upload.error.code)) ? problemMessage(t, upload.error) : null;

  return (
    <Modal opened onClose={onClose} title={t('upload.title', { title: item.title })} size="lg">
      <form noValidate onSubmit={submit}>
        <Stack>
          {otherError && (
            <Alert color="red" role="alert">
              {otherError}
            </Alert>
          )}
          <Text size="sm">{t('upload.explain', { types, size })}</Text>
          <FilePicker
            label={t('upload.file')}
            description={t('upload.fileHint', { types, size })}
            accept={acceptFor(ATTACHMENT_TYPES)}
            required
            disabled={upload.isPending}
            error={fileError}
            onChange={(chosen) => {
              setFile(chosen);
              setFileError(null);
            }}
          />
          {progress !== null && <UploadProgress fraction={progress} />}
          <DialogActions onCancel={onClose} loading={upload.isPending} label={t('upload.action')} />
        </Stack>
      </form>
    </Modal>
  );
}
