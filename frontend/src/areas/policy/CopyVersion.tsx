import { Button, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolicyVersion } from '../../api/types';
import { DialogActions } from '../../components/DialogActions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCreateVersion } from './creating';

interface CopyVersionProps {
  version: PolicyVersion;
  /** The fiscal year the copy is for: the next one, or the version's own for a new revision. */
  year: number;
}

/** Copies a version into a new revision of `year`, after the admin confirms what that does. */
export function CopyVersion({ version, year }: CopyVersionProps) {
  const { t } = useTranslation('policy');
  const [open, setOpen] = useState(false);
  const create = useCreateVersion();
  const sameYear = year === version.fiscal_year;
  const label = sameYear ? t('copyRevision') : t('copyToYear', { year });
  const close = () => {
    create.reset();
    setOpen(false);
  };
  return (
    <>
      <Button variant={sameYear ? 'filled' : 'default'} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal opened={open} onClose={close} title={label}>
        <Stack>
          {create.isError && <ErrorAlert error={create.error} />}
          <Text size="sm">
            {sameYear
              ? t('copyRevisionBody', { year, revision: version.revision })
              : t('copyToYearBody', { from: version.fiscal_year, revision: version.revision, year })}
          </Text>
          <DialogActions
            onCancel={close}
            loading={create.isPending}
            label={t('copyConfirm')}
            onConfirm={() => create.mutate({ year, origin: { copy_of: version.id } }, { onSuccess: close })}
          />
        </Stack>
      </Modal>
    </>
  );
}
