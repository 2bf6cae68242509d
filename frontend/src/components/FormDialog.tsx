import { Alert, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ApiForm } from '../hooks/useApiForm';
import { DialogActions } from './DialogActions';

interface FormDialogProps {
  form: Pick<ApiForm, 'submit' | 'formError' | 'pending' | 'clearError'>;
  title: ReactNode;
  onClose: () => void;
  /** Kept mounted while closed by dialogs that keep what was typed for the next opening. */
  opened?: boolean;
  /** The confirming button's label and colour; "Simpan"/"Save" when left out. */
  submitLabel?: ReactNode;
  color?: string;
  /** The dialog's width; Mantine's default suits a few fields, a long profile needs more. */
  size?: string;
  children: ReactNode;
}

/** A dialog holding one form: the server's refusal on top, its fields, then cancel and submit. */
export function FormDialog({ form, title, onClose, opened = true, submitLabel, color, size, children }: FormDialogProps) {
  const close = () => {
    form.clearError();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} size={size}>
      <form noValidate onSubmit={form.submit}>
        <Stack>
          {form.formError && (
            <Alert color="red" role="alert">
              {form.formError}
            </Alert>
          )}
          {children}
          <DialogActions onCancel={close} loading={form.pending} label={submitLabel} color={color} />
        </Stack>
      </form>
    </Modal>
  );
}
