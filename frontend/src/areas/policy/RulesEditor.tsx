import { Alert, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useFieldArray, type Control, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { competenceLevelValues, mediaTypeValues } from '../../api/schema';
import type { Check, PolicyVersion, Rule } from '../../api/types';
import { useApiForm } from '../../hooks/useApiForm';
import { useLabel } from '../../hooks/useLabel';
import { parameterOf, typedParameter, withParameter } from './checks';
import { rowError, useVersionSave } from './saving';
import { rulesSchema, type RuleRow } from './schemas';
import { toggled } from './toggled';

type Values = { rules: RuleRow[] };

/** Where a server field error on `policy.rules[i]` shows in the editor. */
function placeError(path: string): Path<Values> | undefined {
  const at = rowError(path, 'rules');
  if (!at) return undefined;
  if (at.field === 'media_types') return `rules.${at.row}.media_types`;
  if (at.field.startsWith('check')) return `rules.${at.row}.parameter`;
  return `rules.${at.row}.code`;
}

interface ParameterProps {
  check: Check;
  index: number;
  name: string;
  control: Control<Values, unknown, unknown>;
  error: string | undefined;
}

/** The input for a rule's one parameter, by the kind of its check. */
function ParameterInput({ check, index, name, control, error }: ParameterProps) {
  const { t } = useTranslation('policy');
  const parameter = parameterOf(check);
  if (parameter === null) {
    return (
      <Text size="sm" c="dimmed">
        {t('noParameter')}
      </Text>
    );
  }
  return (
    <Controller
      control={control}
      name={`rules.${index}.parameter`}
      render={({ field }) =>
        parameter.name === 'level' ? (
          <Select
            size="xs"
            aria-label={t('parameterFor', { name })}
            allowDeselect={false}
            data={competenceLevelValues.map((level) => ({ value: level, label: t(`competenceLevel.${level}`) }))}
            value={field.value}
            onChange={(value) => field.onChange(value ?? '')}
            onBlur={field.onBlur}
            ref={field.ref}
            error={error}
          />
        ) : (
          <TextInput
            size="xs"
            inputMode="numeric"
            aria-label={t('parameterFor', { name })}
            leftSection={parameter.name === 'amount' ? <Text size="xs">Rp</Text> : undefined}
            rightSection={parameter.name === 'amount' ? undefined : <Text size="xs">{t(`unit.${parameter.name}`)}</Text>}
            rightSectionWidth={64}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            ref={field.ref}
            error={error}
          />
        )
      }
    />
  );
}

/** The rules of a version: each switched on or off per media type, with its parameter. */
export function RulesEditor({ version: shown, onClose }: { version: PolicyVersion; onClose: () => void }) {
  // The version as it was when editing began: its If-Match refuses saving over someone else's save.
  const [version] = useState(shown);
  const { t } = useTranslation('policy');
  const label = useLabel();
  const save = useVersionSave(version, onClose);
  const byCode = new Map<string, Rule>(version.policy.rules.map((rule) => [rule.code, rule]));
  const editor = useApiForm({
    schema: rulesSchema,
    defaultValues: {
      rules: version.policy.rules.map((rule) => ({
        code: rule.code,
        kind: rule.check.kind,
        media_types: rule.media_types,
        parameter: typedParameter(rule.check),
      })),
    },
    send: (values) =>
      save.send({
        policy: {
          rules: values.rules.flatMap((row) => {
            const rule = byCode.get(row.code);
            return rule ? [{ ...rule, media_types: row.media_types, check: withParameter(rule.check, row.parameter) }] : [];
          }),
        },
      }),
    placeFieldError: placeError,
    onUnchanged: onClose,
    onSuccess: save.onSuccess,
    onError: save.onError,
  });
  const { control } = editor.form;
  const rows = useFieldArray({ control, name: 'rules' });

  return (
    <form noValidate onSubmit={editor.submit} aria-label={t('rulesEdit')}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('rulesEditIntro')}
        </Text>
        {editor.formError && (
          <Alert color="red" role="alert">
            {editor.formError}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label={t('tab.rules')} verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('colRule')}</Table.Th>
                <Table.Th w={220}>{t('colParameter')}</Table.Th>
                {mediaTypeValues.map((type) => (
                  <Table.Th key={type} ta="center">
                    {t(`mediaType.${type}`)}
                  </Table.Th>
                ))}
                <Table.Th w={90} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.fields.map((row, index) => {
                const rule = byCode.get(row.code);
                if (!rule) return null;
                const name = label(rule.label);
                const problems = [editor.fieldError(`rules.${index}.code`), editor.fieldError(`rules.${index}.media_types`)].filter(
                  (problem): problem is string => problem !== undefined,
                );
                return (
                  <Table.Tr key={row.id}>
                    <Table.Td miw={220}>
                      <Text size="sm">{name}</Text>
                      <Text size="xs" c="dimmed">
                        {t(`ruleKind.${rule.check.kind}`)}
                      </Text>
                      {problems.map((problem) => (
                        <Text key={problem} size="xs" c="red">
                          {problem}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td>
                      <ParameterInput check={rule.check} index={index} name={name} control={control} error={editor.fieldError(`rules.${index}.parameter`)} />
                    </Table.Td>
                    <Controller
                      control={control}
                      name={`rules.${index}.media_types`}
                      render={({ field }) => (
                        <>
                          {mediaTypeValues.map((type) => (
                            <Table.Td key={type} ta="center">
                              <Checkbox
                                styles={{ body: { justifyContent: 'center' } }}
                                aria-label={t('ruleOnFor', { name, media: t(`mediaType.${type}`) })}
                                checked={field.value.includes(type)}
                                onChange={(event) => field.onChange(toggled(mediaTypeValues, field.value, type, event.currentTarget.checked))}
                              />
                            </Table.Td>
                          ))}
                        </>
                      )}
                    />
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={editor.pending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
