import { Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { problemMessage } from '../../api/problem';
import type { PolicyVersion } from '../../api/types';
import { FormDialog } from '../../components/FormDialog';
import { formatDay } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { Block } from './Block';
import { citeRegulation } from './citation';
import { allRegulationsQuery, regulationQuery } from './queries';
import { useVersionSave } from './saving';

const linkSchema = z.object({ regulation_id: z.string().nullable() });

/** Links the version to one of the organisation's regulations, or to none. */
function RegulationLinkDialog({ version: shown, onClose }: { version: PolicyVersion; onClose: () => void }) {
  // The version as it was when editing began: its If-Match refuses saving over someone else's save.
  const [version] = useState(shown);
  const { t } = useTranslation('policy');
  const regulations = useQuery(allRegulationsQuery());
  const save = useVersionSave(version, onClose);
  const linkForm = useApiForm({
    schema: linkSchema,
    defaultValues: { regulation_id: version.regulation_id },
    send: (values) => save.send({ regulation_id: values.regulation_id }),
    fieldCodes: { unknown_regulation: 'regulation_id' },
    onUnchanged: onClose,
    onSuccess: save.onSuccess,
    onError: save.onError,
  });
  return (
    <FormDialog form={linkForm} title={t('regulationLinkTitle')} onClose={onClose}>
      <Controller
        control={linkForm.form.control}
        name="regulation_id"
        render={({ field }) => (
          <Select
            label={t('regulation')}
            placeholder={t('regulationNone')}
            clearable
            searchable
            disabled={regulations.isPending}
            data={(regulations.data ?? []).map((regulation) => ({ value: regulation.id, label: citeRegulation(t, regulation) }))}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            ref={field.ref}
            error={linkForm.fieldError('regulation_id') ?? (regulations.isError ? problemMessage(t, regulations.error) : undefined)}
          />
        )}
      />
    </FormDialog>
  );
}

/** The regulation a version rests on. */
export function RegulationPart({ version, editable }: { version: PolicyVersion; editable: boolean }) {
  const { t } = useTranslation('policy');
  const [linking, setLinking] = useState(false);
  const id = version.regulation_id;
  const regulation = useQuery({ ...regulationQuery(id ?? ''), enabled: id !== null });
  const found = id === null ? null : regulation.data;

  return (
    <Block
      title={t('regulation')}
      actions={
        editable && (
          <Button size="xs" variant="default" onClick={() => setLinking(true)}>
            {t('regulationLink')}
          </Button>
        )
      }
    >
      {id === null && <Text c="dimmed">{t('regulationNone')}</Text>}
      {regulation.isError && <Text c="red">{problemMessage(t, regulation.error)}</Text>}
      {found && (
        <Stack gap={4}>
          <Text>{citeRegulation(t, found)}</Text>
          {(found.effective_from ?? found.effective_until) && (
            <Text size="sm" c="dimmed">
              {t('effective', {
                from: found.effective_from ? formatDay(found.effective_from) : t('common.none'),
                until: found.effective_until ? formatDay(found.effective_until) : t('common.none'),
              })}
            </Text>
          )}
        </Stack>
      )}
      <Group>
        <Anchor component={Link} to="/policy/regulations" size="sm">
          {t('regulationsLink')}
        </Anchor>
      </Group>
      {linking && <RegulationLinkDialog version={version} onClose={() => setLinking(false)} />}
    </Block>
  );
}
