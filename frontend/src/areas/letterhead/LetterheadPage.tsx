import { Alert, Button, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../api/limits';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FactTable } from '../../components/FactTable';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { useApiForm } from '../../hooks/useApiForm';
import type { Letterhead } from './model';
import { letterheadKeys, letterheadQuery, setLetterhead } from './queries';
import { letterheadSchema } from './schemas';

const TEXT_FIELDS = ['government', 'office', 'address', 'phone', 'email', 'website', 'city', 'signatory_name', 'signatory_title', 'signatory_nip'] as const;
const OPTIONAL: ReadonlySet<string> = new Set(['phone', 'email', 'website', 'signatory_nip']);

/** Sets the whole letterhead, starting from what is printed now. */
function LetterheadDialog({ letterhead, onClose }: { letterhead: Letterhead; onClose: () => void }) {
  const { t } = useTranslation('letterhead');
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: letterheadKeys.all });
  const form = useApiForm({
    schema: letterheadSchema,
    defaultValues: Object.fromEntries(TEXT_FIELDS.map((field) => [field, letterhead[field] ?? ''])),
    send: (values) => setLetterhead(letterhead, values),
    limits: limits.LetterheadRequest,
    onSuccess: () => {
      notifySaved(t('saved'));
      void refresh();
      onClose();
    },
    // Someone else saved first: read it again so that editing starts from their version.
    onError: () => void refresh(),
  });
  return (
    <FormDialog form={form} title={t('editTitle')} onClose={onClose} size="lg">
      {TEXT_FIELDS.map((field) => (
        <TextInput
          key={field}
          label={t(`field.${field}`)}
          description={t(`hint.${field}`)}
          required={!OPTIONAL.has(field)}
          error={form.fieldError(field)}
          {...form.form.register(field)}
        />
      ))}
    </FormDialog>
  );
}

/** The letterhead (kop surat) and signatory printed on the organisation's letters. */
export function LetterheadPage() {
  const { t } = useTranslation('letterhead');
  const canManage = useCan('letterhead.manage');
  const letterhead = useQuery(letterheadQuery());
  const [editing, setEditing] = useState(false);
  if (letterhead.isPending) return <PageLoader />;
  if (letterhead.isError) return <ErrorAlert error={letterhead.error} />;
  const head = letterhead.data;
  const shown = (value: string | null | undefined) => (value ? value : <Text c="dimmed">{t('none')}</Text>);
  return (
    <Stack>
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={canManage && <Button onClick={() => setEditing(true)}>{t(head.version === 0 ? 'set' : 'edit')}</Button>}
      />
      {head.version === 0 && (
        <Alert color="yellow" title={t('unset.title')}>
          {t('unset.body')}
        </Alert>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
          <FactTable
            label={t('section.head')}
            rows={(['government', 'office', 'address', 'phone', 'email', 'website'] as const).map((field) => [t(`field.${field}`), shown(head[field])] as const)}
          />
          <FactTable
            label={t('section.signatory')}
            rows={(['city', 'signatory_name', 'signatory_title', 'signatory_nip'] as const).map((field) => [t(`field.${field}`), shown(head[field])] as const)}
          />
        </SimpleGrid>
      </Paper>
      {editing && <LetterheadDialog letterhead={head} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
