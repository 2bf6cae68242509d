import { Alert, Button, Group, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useFieldArray, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fileTypeValues, mediaTypeValues } from '../../api/schema';
import type { PolicyVersion } from '../../api/types';
import { useApiForm } from '../../hooks/useApiForm';
import { useLabel } from '../../hooks/useLabel';
import { CheckboxSet } from './CheckboxSet';
import { rowError, useVersionSave } from './saving';
import { requirementsSchema, type RequirementRow } from './schemas';
import { formatMegabytes } from '../../format';

type Values = { requirements: RequirementRow[] };

/** A new requirement starts as the common case: mandatory for every media type, one PDF. */
const NEW_REQUIREMENT: RequirementRow = {
  code: '',
  label: { id: '', en: '' },
  media_types: [...mediaTypeValues],
  mandatory: true,
  needs_expiry: false,
  file_types: ['pdf'],
  max_size_mb: '5',
  added: true,
};

/** Where a server field error on `policy.requirements[i]` shows in the editor. */
function placeError(path: string): Path<Values> | undefined {
  const at = rowError(path, 'requirements');
  if (!at) return undefined;
  switch (at.field) {
    case 'max_size_bytes':
      return `requirements.${at.row}.max_size_mb`;
    case 'media_types':
    case 'file_types':
    case 'label.id':
    case 'label.en':
    case 'mandatory':
    case 'needs_expiry':
      return `requirements.${at.row}.${at.field}`;
    default:
      return `requirements.${at.row}.code`;
  }
}

/** The requirements of a version, every one editable at once, saved as one section. */
export function RequirementsEditor({ version: shown, onClose }: { version: PolicyVersion; onClose: () => void }) {
  // The version as it was when editing began: its If-Match refuses saving over someone else's save.
  const [version] = useState(shown);
  const { t } = useTranslation('policy');
  const label = useLabel();
  const save = useVersionSave(version, onClose);
  const editor = useApiForm({
    schema: requirementsSchema,
    defaultValues: {
      requirements: version.policy.requirements.map((requirement) => ({
        code: requirement.code,
        label: requirement.label,
        media_types: requirement.media_types,
        mandatory: requirement.mandatory,
        needs_expiry: requirement.needs_expiry,
        file_types: requirement.file_types,
        max_size_mb: formatMegabytes(requirement.max_size_bytes),
        added: false,
      })),
    },
    send: (values) => save.send({ policy: { requirements: values.requirements } }),
    placeFieldError: placeError,
    onUnchanged: onClose,
    onSuccess: save.onSuccess,
    onError: save.onError,
  });
  const { control, register } = editor.form;
  const rows = useFieldArray({ control, name: 'requirements' });

  return (
    <form noValidate onSubmit={editor.submit} aria-label={t('requirementsEdit')}>
      <Stack>
        {editor.formError && (
          <Alert color="red" role="alert">
            {editor.formError}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={980}>
          <Table aria-label={t('tab.requirements')} verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('colRequirement')}</Table.Th>
                <Table.Th>{t('colMediaTypes')}</Table.Th>
                <Table.Th>{t('colMandatory')}</Table.Th>
                <Table.Th>{t('colExpiry')}</Table.Th>
                <Table.Th>{t('colFileTypes')}</Table.Th>
                <Table.Th w={120}>{t('colMaxSizeMb')}</Table.Th>
                <Table.Th w={90} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.fields.map((row, index) => {
                const name = row.added ? t('requirementNew', { number: index + 1 }) : label(row.label);
                const codeError = editor.fieldError(`requirements.${index}.code`);
                // A saved requirement's code and names are shown, not typed: their errors show as text.
                const nameErrors = [codeError, editor.fieldError(`requirements.${index}.label.id`), editor.fieldError(`requirements.${index}.label.en`)].filter(
                  (problem): problem is string => problem !== undefined,
                );
                return (
                  <Table.Tr key={row.id}>
                    <Table.Td miw={220}>
                      {row.added ? (
                        <Stack gap={4}>
                          <TextInput size="xs" label={t('fieldCode')} description={t('fieldCodeHint')} error={codeError} {...register(`requirements.${index}.code`)} />
                          <TextInput size="xs" label={t('fieldLabelId')} error={editor.fieldError(`requirements.${index}.label.id`)} {...register(`requirements.${index}.label.id`)} />
                          <TextInput size="xs" label={t('fieldLabelEn')} error={editor.fieldError(`requirements.${index}.label.en`)} {...register(`requirements.${index}.label.en`)} />
                        </Stack>
                      ) : (
                        <>
                          <Text size="sm">{name}</Text>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {row.code}
                          </Text>
                          {nameErrors.map((problem) => (
                            <Text key={problem} size="xs" c="red">
                              {problem}
                            </Text>
                          ))}
                        </>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Controller
                        control={control}
                        name={`requirements.${index}.media_types`}
                        render={({ field }) => (
                          <CheckboxSet
                            label={t('mediaTypesFor', { name })}
                            options={mediaTypeValues.map((type) => ({ value: type, label: t(`mediaType.${type}`) }))}
                            value={field.value}
                            onChange={field.onChange}
                            error={editor.fieldError(`requirements.${index}.media_types`)}
                          />
                        )}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Controller
                        control={control}
                        name={`requirements.${index}.mandatory`}
                        render={({ field }) => (
                          <Switch
                            aria-label={t('mandatoryFor', { name })}
                            checked={field.value}
                            onChange={(event) => field.onChange(event.currentTarget.checked)}
                            onBlur={field.onBlur}
                            ref={field.ref}
                          />
                        )}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Controller
                        control={control}
                        name={`requirements.${index}.needs_expiry`}
                        render={({ field }) => (
                          <Switch
                            aria-label={t('expiryFor', { name })}
                            checked={field.value}
                            onChange={(event) => field.onChange(event.currentTarget.checked)}
                            onBlur={field.onBlur}
                            ref={field.ref}
                          />
                        )}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Controller
                        control={control}
                        name={`requirements.${index}.file_types`}
                        render={({ field }) => (
                          <CheckboxSet
                            label={t('fileTypesFor', { name })}
                            options={fileTypeValues.map((type) => ({ value: type, label: t(`fileType.${type}`) }))}
                            value={field.value}
                            onChange={field.onChange}
                            error={editor.fieldError(`requirements.${index}.file_types`)}
                          />
                        )}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        inputMode="decimal"
                        aria-label={t('maxSizeFor', { name })}
                        rightSection={<Text size="xs">MB</Text>}
                        error={editor.fieldError(`requirements.${index}.max_size_mb`)}
                        {...register(`requirements.${index}.max_size_mb`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" color="red" aria-label={t('removeFor', { name })} onClick={() => rows.remove(index)}>
                        {t('remove')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between">
          <Button variant="light" onClick={() => rows.append(NEW_REQUIREMENT)}>
            {t('requirementAdd')}
          </Button>
          <Group>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={editor.pending}>
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
