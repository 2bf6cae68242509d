import { Badge, Button, Group, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { limits } from '../../api/limits';
import type { RegistrationWindow } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { notifyFailed, notifySaved } from '../../components/notify';
import { PageLoader } from '../../components/PageLoader';
import { formatDay, jakartaToday, jakartaYear } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { isFiscalYear, useAddressParam, yearOf } from './address';
import { AreaHeader, YearSelect } from './display';
import { applicationKeys, createWindow, updateWindow, windowsQuery } from './queries';
import { windowSchema } from './schemas';

/** Where a window stands today: open (the server says so), not yet open, or closed. */
function WindowState({ window }: { window: RegistrationWindow }) {
  const { t } = useTranslation('applications');
  if (window.open) {
    return (
      <Badge color="green" variant="light" tt="none" miw="max-content">
        {t('window.openToday')}
      </Badge>
    );
  }
  const upcoming = window.opens_on > jakartaToday();
  return (
    <Badge color="gray" variant="light" tt="none" miw="max-content">
      {t(upcoming ? 'window.upcoming' : 'window.closed')}
    </Badge>
  );
}

/** Opens a registration window, or moves or re-announces `window` when given. */
function WindowFormDialog({ window, year, onClose }: { window?: RegistrationWindow; year: number; onClose: () => void }) {
  const { t } = useTranslation('applications');
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: applicationKeys.windows() });
  const now = jakartaYear();
  const years = [...new Set([year, window?.fiscal_year ?? year, now, now + 1])].filter(isFiscalYear).sort((a, b) => a - b);
  const windowForm = useApiForm({
    schema: windowSchema,
    defaultValues: {
      fiscal_year: String(window?.fiscal_year ?? year),
      opens_on: window?.opens_on ?? '',
      closes_on: window?.closes_on ?? '',
      note: window?.note ?? '',
    },
    // The server replaces a window whole: an edit sends every field.
    send: (values) => (window ? updateWindow(window, values) : createWindow(values)),
    limits: limits.WindowRequest,
    onSuccess: (saved) => {
      notifySaved(t(window ? 'window.updated' : 'window.created', { year: saved.fiscal_year }));
      void refresh();
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) {
        notifyFailed(t('stale.title'), t('stale.windowBody'));
        void refresh();
        onClose();
      }
    },
  });
  const { control, register } = windowForm.form;
  const field = windowForm.fieldError;
  return (
    <FormDialog form={windowForm} title={window ? t('window.editTitle', { year: window.fiscal_year }) : t('window.createTitle')} onClose={onClose}>
      <Text size="sm">{t('window.explain')}</Text>
      <Controller
        control={control}
        name="fiscal_year"
        render={({ field: year }) => (
          <Select
            label={t('fiscalYear')}
            required
            allowDeselect={false}
            w={150}
            data={years.map((option) => ({ value: String(option), label: String(option) }))}
            value={year.value}
            onChange={(value) => year.onChange(value ?? year.value)}
            error={field('fiscal_year')}
          />
        )}
      />
      <Group grow align="flex-start">
        <TextInput label={t('window.opensOn')} type="date" required error={field('opens_on')} {...register('opens_on')} />
        <TextInput
          label={t('window.closesOn')}
          description={t('window.closesOnHint')}
          type="date"
          required
          error={field('closes_on')}
          {...register('closes_on')}
        />
      </Group>
      <Textarea label={t('window.note')} description={t('window.noteHint')} rows={3} error={field('note')} {...register('note')} />
    </FormDialog>
  );
}

/** The periods in which a fiscal year's applications are taken; administrators open and move them. */
export function WindowsPage() {
  const { t } = useTranslation('applications');
  const canManage = useCan('registration_windows.manage');
  const param = useAddressParam('year');
  const year = yearOf(param.value);
  const windows = useQuery(windowsQuery(year));
  const [dialog, setDialog] = useState<{ window?: RegistrationWindow } | null>(null);

  return (
    <Stack>
      <AreaHeader page="windows" actions={canManage && <Button onClick={() => setDialog({})}>{t('window.create')}</Button>} />
      <Group align="flex-end">
        <YearSelect value={year} onChange={(next) => param.set(String(next))} />
        <Text size="sm" c="dimmed" maw={560}>
          {t('window.intro')}
        </Text>
      </Group>
      {windows.isPending && <PageLoader />}
      {windows.isError && <ErrorAlert error={windows.error} onRetry={() => void windows.refetch()} />}
      {windows.data && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label={t('window.listLabel', { year })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('window.opensOn')}</Table.Th>
                <Table.Th>{t('window.closesOn')}</Table.Th>
                <Table.Th>{t('window.state')}</Table.Th>
                <Table.Th>{t('window.note')}</Table.Th>
                {canManage && <Table.Th w={100}>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {windows.data.map((window) => (
                <Table.Tr key={window.id}>
                  <Table.Td>{formatDay(window.opens_on)}</Table.Td>
                  <Table.Td>{formatDay(window.closes_on)}</Table.Td>
                  <Table.Td>
                    <WindowState window={window} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{window.note ?? t('common.none')}</Text>
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('window.editFor', { from: formatDay(window.opens_on), until: formatDay(window.closes_on) })}
                        onClick={() => setDialog({ window })}
                      >
                        {t('edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {windows.data.length === 0 && <Text c="dimmed">{t('window.none', { year })}</Text>}
        </Table.ScrollContainer>
      )}
      {dialog && <WindowFormDialog window={dialog.window} year={year} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
