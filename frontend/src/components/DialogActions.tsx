import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface DialogActionsProps {
  onCancel: () => void;
  loading: boolean;
  /** The confirming button's label; "Simpan"/"Save" when left out. */
  label?: ReactNode;
  color?: string;
  /** Without it the confirming button submits the dialog's form. */
  onConfirm?: () => void;
}

/** Cancel and confirm, right-aligned: the foot of every dialog. */
export function DialogActions({ onCancel, loading, label, color, onConfirm }: DialogActionsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type={onConfirm ? 'button' : 'submit'} color={color} loading={loading} onClick={onConfirm}>
        {label ?? t('common.save')}
      </Button>
    </Group>
  );
}
