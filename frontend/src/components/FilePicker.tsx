import { Group, Input, Progress, Text } from '@mantine/core';
import { useId, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface FilePickerProps {
  label: string;
  description?: string;
  /** What the browser's file chooser offers, e.g. `application/pdf,.pdf`. */
  accept?: string;
  required?: boolean;
  disabled?: boolean;
  error?: string | null;
  onChange: (file: File | null) => void;
}

/**
 * One file to upload. The browser's own file input, labelled like the other fields: every
 * browser, screen reader and test tool knows how to hand it a file.
 */
export function FilePicker({ label, description, accept, required, disabled, error, onChange }: FilePickerProps) {
  const id = useId();
  const described = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <Input.Wrapper id={id} label={label} description={description} error={error} required={required}>
      <input
        id={id}
        type="file"
        accept={accept}
        required={required}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        style={{ display: 'block', marginTop: 4 }}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.currentTarget.files?.[0] ?? null)}
      />
    </Input.Wrapper>
  );
}

/** How much of an upload has gone, while it goes. */
export function UploadProgress({ fraction }: { fraction: number }) {
  const { t } = useTranslation();
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <Group gap="sm" wrap="nowrap">
      <Progress value={percent} aria-label={t('upload.progress')} style={{ flex: 1 }} animated={percent < 100} />
      <Text size="sm" w={48} ta="right" aria-hidden>
        {percent}%
      </Text>
    </Group>
  );
}
