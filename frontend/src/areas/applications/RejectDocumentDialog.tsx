import { Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { limits } from '../../api/limits';
import type { Application, ApplicationDocument } from '../../api/types';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { useApiForm } from '../../hooks/useApiForm';
import { reviewDocument } from './queries';
import { useRefreshApplication, useStaleChange } from './refresh';
import { rejectionSchema } from './schemas';

interface RejectDocumentDialogProps {
  application: Application;
  document: ApplicationDocument;
  requirementName: string;
  onClose: () => void;
}

/** Rejects a document with a note, which tells the applicant what to hand in instead. */
export function RejectDocumentDialog({ application, document, requirementName, onClose }: RejectDocumentDialogProps) {
  const { t } = useTranslation('applications');
  const refresh = useRefreshApplication(application.id);
  const stale = useStaleChange(application.id, onClose);
  const rejection = useApiForm({
    schema: rejectionSchema,
    defaultValues: { note: '' },
    send: ({ note }) => reviewDocument(document, { review: 'rejected', note }),
    limits: limits.ReviewRequest,
    onSuccess: () => {
      notifySaved(t('review.rejected', { name: requirementName }));
      void refresh();
      onClose();
    },
    onError: (error) => {
      if (!stale(error)) void refresh();
    },
  });
  return (
    <FormDialog form={rejection} title={t('review.rejectTitle', { name: requirementName })} onClose={onClose} submitLabel={t('review.reject')} color="red">
      <Text size="sm">{t('review.rejectExplain', { file: document.file_name })}</Text>
      <Textarea
        label={t('review.note')}
        description={t('review.noteHint')}
        required
        rows={3}
        error={rejection.fieldError('note')}
        {...rejection.form.register('note')}
      />
    </FormDialog>
  );
}
