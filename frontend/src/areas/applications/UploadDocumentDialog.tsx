import { Alert, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { acceptFor, FILE_PROBLEMS, precheckFile } from '../../api/files';
import { fieldErrorKey, problemMessage } from '../../api/problem';
import type { Application, Requirement } from '../../api/types';
import { DialogActions } from '../../components/DialogActions';
import { FilePicker, UploadProgress } from '../../components/FilePicker';
import { notifySaved } from '../../components/notify';
import { formatMegabytes } from '../../format';
import { useLabel } from '../../hooks/useLabel';
import { uploadDocument } from './queries';
import { useRefreshApplication } from './refresh';

interface UploadDocumentDialogProps {
  application: Application;
  requirement: Requirement;
  onClose: () => void;
}

/**
 * Hands in the document for one requirement, replacing the current one, with the upload's progress
 * in view. A file of the wrong type or size is refused here before it is sent; the server judges
 * the content anyway, and its refusal is shown the same way.
 */
export function UploadDocumentDialog({ application, requirement, onClose }: UploadDocumentDialogProps) {
  const { t } = useTranslation('applications');
  const label = useLabel();
  const refresh = useRefreshApplication(application.id);
  const [file, setFile] = useState<File | null>(null);
  const [expiresOn, setExpiresOn] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [expiryError, setExpiryError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const name = label(requirement.label);
  const types = requirement.file_types.map((type) => t(`fileType.${type}`)).join(', ');
  const size = formatMegabytes(requirement.max_size_bytes);

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
    mutationFn: ({ chosen, expiry }: { chosen: File; expiry: string | null }) =>
      uploadDocument(application.id, requirement.code, chosen, expiry, setProgress),
    onSuccess: (document) => {
      notifySaved(t('upload.done', { file: document.file_name, name }));
      void refresh();
      onClose();
    },
    onError: (error) => {
      setProgress(null);
      if (!(error instanceof ApiError)) return;
      if (error.code !== null && FILE_PROBLEMS.has(error.code)) setFileError(fileProblem(error.code));
      const expiry = error.problem?.errors?.find((fieldError) => fieldError.field === 'expires_on');
      if (expiry) setExpiryError(t(fieldErrorKey(expiry.code)));
      // The application may have moved on (documents_closed): show what it is now.
      if (error.status === 409) void refresh();
    },
  });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    upload.reset();
    const refusal = file === null ? 'file_missing' : precheckFile(file, requirement.file_types, requirement.max_size_bytes);
    const missingExpiry = requirement.needs_expiry && expiresOn.trim() === '';
    setFileError(refusal === null ? null : fileProblem(refusal));
    setExpiryError(missingExpiry ? t('upload.expiryRequired') : null);
    if (refusal !== null || missingExpiry || file === null) return;
    setProgress(0);
    upload.mutate({ chosen: file, expiry: requirement.needs_expiry ? expiresOn.trim() : null });
  };

  // A refusal about the file or the date shows on its field; anything else above the form.
  const otherError =
    upload.isError && !(upload.error instanceof ApiError && ((upload.error.code !== null && FILE_PROBLEMS.has(upload.error.code)) || upload.error.problem?.errors?.length))
      ? problemMessage(t, upload.error)
      : null;

  return (
    <Modal opened onClose={onClose} title={t('upload.title', { name })} size="lg">
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
            accept={acceptFor(requirement.file_types)}
            required
            disabled={upload.isPending}
            error={fileError}
            onChange={(chosen) => {
              setFile(chosen);
              setFileError(null);
            }}
          />
          {requirement.needs_expiry && (
            <TextInput
              label={t('upload.expiresOn')}
              description={t('upload.expiresOnHint')}
              type="date"
              required
              disabled={upload.isPending}
              value={expiresOn}
              error={expiryError}
              onChange={(event) => {
                setExpiresOn(event.currentTarget.value);
                setExpiryError(null);
              }}
            />
          )}
          {progress !== null && <UploadProgress fraction={progress} />}
          <DialogActions onCancel={onClose} loading={upload.isPending} label={t('upload.action')} />
        </Stack>
      </form>
    </Modal>
  );
}
