import { Badge, Button, Group, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { limits } from '../../api/limits';
import { pressCouncilStatusValues } from '../../api/schema';
import type { PressCompany, PressCouncilRecord } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { PageLoader } from '../../components/PageLoader';
import { formatDay, jakartaToday } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { Standing } from './display';
import { SelectField } from './fields';
import { pressCouncilQuery, recordPressCouncilCheck, registryKeys } from './queries';
import { pressCouncilSchema } from './schemas';

/** Newest check first: the newest is the company's standing. */
function newestFirst(records: readonly PressCouncilRecord[]): PressCouncilRecord[] {
  return [...records].sort((a, b) => b.checked_on.localeCompare(a.checked_on) || b.created_at.localeCompare(a.created_at));
}

function RecordCheckDialog({ company, onClose }: { company: PressCompany; onClose: () => void }) {
  const { t } = useTranslation('registry');
  const queryClient = useQueryClient();
  const checkForm = useApiForm({
    schema: pressCouncilSchema,
    defaultValues: { status: undefined, certificate_number: '', certificate_date: '', valid_until: '', checked_on: jakartaToday(), evidence: '' },
    send: (values) => recordPressCouncilCheck(company.id, values),
    limits: limits.PressCouncilCheckRequest,
    onSuccess: () => {
      notifySaved(t('checkRecorded', { name: company.legal_name }));
      void queryClient.invalidateQueries({ queryKey: registryKeys.all });
      onClose();
    },
  });
  const { control, register } = checkForm.form;
  const field = checkForm.fieldError;
  return (
    <FormDialog form={checkForm} title={t('checkCreateTitle', { name: company.legal_name })} onClose={onClose} size="lg">
      <Text size="sm">{t('checkExplain')}</Text>
      <Group grow align="flex-start">
        <SelectField
          control={control}
          name="status"
          label={t('field.press_council_status')}
          required
          allowDeselect={false}
          data={pressCouncilStatusValues.map((status) => ({ value: status, label: t(`pressCouncilStatus.${status}`) }))}
          error={field('status')}
        />
        <TextInput label={t('field.checked_on')} description={t('hint.checked_on')} type="date" error={field('checked_on')} {...register('checked_on')} />
      </Group>
      <TextInput label={t('field.certificate_number')} error={field('certificate_number')} {...register('certificate_number')} />
      <Group grow align="flex-start">
        <TextInput label={t('field.certificate_date')} type="date" error={field('certificate_date')} {...register('certificate_date')} />
        <TextInput
          label={t('field.valid_until')}
          description={t('hint.valid_until')}
          type="date"
          error={field('valid_until')}
          {...register('valid_until')}
        />
      </Group>
      <Textarea label={t('field.evidence')} description={t('hint.evidence')} required rows={2} error={field('evidence')} {...register('evidence')} />
    </FormDialog>
  );
}

/** What the Press Council said of the company each time it was checked, newest first. */
export function PressCouncilChecks({ company }: { company: PressCompany }) {
  const { t } = useTranslation('registry');
  const canManage = useCan('registry.manage');
  const records = useQuery(pressCouncilQuery(company.id));
  const [recording, setRecording] = useState(false);
  const none = t('common.none');

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={640}>
          {t('checksIntro')}
        </Text>
        {canManage && <Button onClick={() => setRecording(true)}>{t('checkCreate')}</Button>}
      </Group>
      {records.isPending && <PageLoader />}
      {records.isError && <ErrorAlert error={records.error} onRetry={() => void records.refetch()} />}
      {records.data && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-label={t('tab.press-council')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('col.checkedOn')}</Table.Th>
                <Table.Th>{t('col.standing')}</Table.Th>
                <Table.Th>{t('col.certificate')}</Table.Th>
                <Table.Th>{t('col.evidence')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {newestFirst(records.data).map((record, index) => (
                <Table.Tr key={record.id}>
                  <Table.Td>
                    <Text size="sm">{formatDay(record.checked_on)}</Text>
                    {index === 0 && (
                      <Badge size="xs" variant="light" tt="none">
                        {t('newestCheck')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Standing status={record.status} validUntil={record.valid_until} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{record.certificate_number ?? none}</Text>
                    {record.certificate_date && (
                      <Text size="xs" c="dimmed">
                        {t('issuedOn', { day: formatDay(record.certificate_date) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{record.evidence}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {records.data.length === 0 && <Text c="dimmed">{t('checksNone')}</Text>}
        </Table.ScrollContainer>
      )}
      {recording && <RecordCheckDialog company={company} onClose={() => setRecording(false)} />}
    </Stack>
  );
}
