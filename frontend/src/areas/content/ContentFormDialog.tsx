import { Group, Select, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { limits } from '../../api/limits';
import { contentKindValues } from '../../api/schema';
import { FormDialog } from '../../components/FormDialog';
import { notifyFailed, notifySaved } from '../../components/notify';
import { jakartaToday } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import type { ContentItem } from './model';
import { contentKeys, createContentItem, updateContentItem } from './queries';
import { contentSchema } from './schemas';

interface ContentFormDialogProps {
  /** The item to rewrite; without one, a new item is written. */
  item?: ContentItem;
  onClose: () => void;
  onSaved?: (item: ContentItem) => void;
}

/**
 * Writes a press release or material, or rewrites one as it was last read (`If-Match`). The body
 * is sent as typed: its paragraphs, separated by blank lines, are kept.
 */
export function ContentFormDialog({ item, onClose, onSaved }: ContentFormDialogProps) {
  const { t } = useTranslation('content');
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      item ? queryClient.invalidateQueries({ queryKey: contentKeys.one(item.id) }) : undefined,
      queryClient.invalidateQueries({ queryKey: contentKeys.lists() }),
    ]);
  const form = useApiForm({
    schema: contentSchema,
    defaultValues: {
      kind: item?.kind ?? 'press_release',
      title: item?.title ?? '',
      body: item?.body ?? '',
      released_on: item?.released_on ?? jakartaToday(),
    },
    send: (values) => (item ? updateContentItem(item, values) : createContentItem(values)),
    limits: limits.ContentRequest,
    onUnchanged: item ? onClose : undefined,
    onSuccess: (saved) => {
      notifySaved(t(item ? 'updated' : 'created', { title: saved.title }));
      queryClient.setQueryData(contentKeys.item(saved.id), saved);
      void refresh();
      onSaved?.(saved);
      onClose();
    },
    onError: (error) => {
      // Someone else rewrote the item first: start again from what is there now.
      if (!(error instanceof ApiError) || error.status !== 412) return;
      notifyFailed(t('stale.title'), t('stale.body'));
      void refresh();
      onClose();
    },
  });
  const { control, register } = form.form;

  return (
    <FormDialog form={form} title={t(item ? 'editTitle' : 'createTitle')} onClose={onClose} submitLabel={t(item ? 'editConfirm' : 'createConfirm')} size="xl">
      <Group grow align="flex-start">
        <Controller
          control={control}
          name="kind"
          render={({ field }) => (
            <Select
              label={t('field.kind')}
              required
              allowDeselect={false}
              data={contentKindValues.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
              value={field.value || null}
              onChange={(value) => field.onChange(value ?? field.value)}
              onBlur={field.onBlur}
              ref={field.ref}
              error={form.fieldError('kind')}
            />
          )}
        />
        <TextInput label={t('field.releasedOn')} description={t('hint.releasedOn')} type="date" required error={form.fieldError('released_on')} {...register('released_on')} />
      </Group>
      <TextInput label={t('field.title')} required error={form.fieldError('title')} {...register('title')} />
      <Textarea
        label={t('field.body')}
        description={t('hint.body')}
        required
        rows={10}
        error={form.fieldError('body')}
        {...register('body')}
      />
    </FormDialog>
  );
}
