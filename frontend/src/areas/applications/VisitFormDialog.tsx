import { ActionIcon, Button, Checkbox, Group, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useFieldArray, useWatch, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { limits } from '../../api/limits';
import { visitConclusionValues } from '../../api/schema';
import type { Application, SiteVisit, VisitConclusion } from '../../api/types';
import { FormDialog } from '../../components/FormDialog';
import { notifyFailed, notifySaved } from '../../components/notify';
import { jakartaToday } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { applicationKeys, recordVisit, replaceVisit } from './queries';
import { useRefreshApplication } from './refresh';
import { visitSchema, type VisitValues } from './schemas';

/** A server field path inside the checklist or the team, as the form names the field. */
function placeError(field: string): Path<VisitValues> | undefined {
  const line = /^checklist\[(\d+)\]\.(item|note)$/.exec(field);
  if (line) return `checklist.${Number(line[1])}.${line[2] as 'item' | 'note'}`;
  if (/^team(\[\d+\])?$/.test(field)) return 'team';
  return undefined;
}

function defaults(visit: SiteVisit | null): VisitValues {
  return {
    visited_on: visit?.visited_on ?? jakartaToday(),
    team: visit?.team.join('\n') ?? '',
    checklist: (visit?.checklist ?? []).map((line) => ({ item: line.item, ok: line.ok, note: line.note ?? '' })),
    conclusion: visit?.conclusion ?? (undefined as unknown as VisitValues['conclusion']),
    notes: visit?.notes ?? '',
  };
}

/**
 * Records the site visit (*verifikasi faktual*) of an application in review, or replaces what
 * `visit` recorded: the server replaces the record whole, against the version it started from.
 */
export function VisitFormDialog({ application, visit, onClose }: { application: Application; visit: SiteVisit | null; onClose: () => void }) {
  const { t } = useTranslation('applications');
  const queryClient = useQueryClient();
  const refresh = useRefreshApplication(application.id);
  const visitForm = useApiForm({
    schema: visitSchema,
    defaultValues: defaults(visit),
    send: (values) => (visit ? replaceVisit(visit, values) : recordVisit(application.id, values)),
    placeFieldError: placeError,
    limits: limits.VisitRequest,
    onSuccess: (saved) => {
      notifySaved(t(visit ? 'visit.updated' : 'visit.recorded', { outlet: application.outlet_name }));
      queryClient.setQueryData(applicationKeys.visit(application.id), saved);
      void refresh();
      onClose();
    },
    onError: (error) => {
      // Someone else saved first, or recorded the visit first: start again from theirs.
      if (error instanceof ApiError && (error.status === 412 || error.code === 'site_visit_recorded')) {
        notifyFailed(t('stale.title'), t('stale.visitBody'));
        void refresh();
        onClose();
      }
    },
  });
  const { control, register } = visitForm.form;
  const checklist = useFieldArray({ control, name: 'checklist' });
  // Nothing is chosen when a new visit is recorded, whatever the form's types say.
  const chosen = useWatch({ control, name: 'conclusion' }) as VisitConclusion | undefined;
  const field = visitForm.fieldError;

  return (
    <FormDialog form={visitForm} title={t(visit ? 'visit.editTitle' : 'visit.recordTitle', { outlet: application.outlet_name })} onClose={onClose} size="xl">
      <Text size="sm">{t('visit.explain')}</Text>
      <TextInput label={t('visit.visitedOn')} type="date" required w={200} error={field('visited_on')} {...register('visited_on')} />
      <Textarea label={t('visit.team')} description={t('visit.teamHint')} required rows={2} error={field('team')} {...register('team')} />
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {t('visit.checklist')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('visit.checklistHint')}
        </Text>
        {checklist.fields.map((line, index) => (
          <Group key={line.id} align="flex-start" wrap="nowrap">
            <TextInput
              label={t('visit.item', { number: index + 1 })}
              style={{ flex: 2 }}
              required
              error={field(`checklist.${index}.item`)}
              {...register(`checklist.${index}.item`)}
            />
            <Controller
              control={control}
              name={`checklist.${index}.ok`}
              render={({ field: ok }) => (
                <Checkbox
                  mt={32}
                  label={t('visit.ok')}
                  aria-label={t('visit.okFor', { number: index + 1 })}
                  checked={ok.value}
                  onChange={(event) => ok.onChange(event.currentTarget.checked)}
                />
              )}
            />
            <TextInput label={t('visit.itemNote', { number: index + 1 })} style={{ flex: 2 }} error={field(`checklist.${index}.note`)} {...register(`checklist.${index}.note`)} />
            <ActionIcon mt={28} variant="subtle" color="red" aria-label={t('visit.removeItem', { number: index + 1 })} onClick={() => checklist.remove(index)}>
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button size="xs" variant="light" onClick={() => checklist.append({ item: '', ok: true, note: '' })}>
            {t('visit.addItem')}
          </Button>
        </Group>
      </Stack>
      <Controller
        control={control}
        name="conclusion"
        render={({ field: conclusion }) => (
          <Radio.Group label={t('visit.conclusion')} required value={chosen ?? null} onChange={conclusion.onChange} error={field('conclusion')}>
            <Stack gap="xs" mt="xs">
              {visitConclusionValues.map((value) => (
                <Radio key={value} value={value} label={t(`visitConclusion.${value}`)} description={t(`visitConclusionHint.${value}`)} />
              ))}
            </Stack>
          </Radio.Group>
        )}
      />
      <Textarea label={t('visit.notes')} rows={2} error={field('notes')} {...register('notes')} />
    </FormDialog>
  );
}
