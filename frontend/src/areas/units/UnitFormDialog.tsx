import { TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { limits } from '../../api/limits';
import type { Unit } from '../../api/types';
import { unitKeys } from '../../api/units';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { useApiForm } from '../../hooks/useApiForm';
import { createUnit, updateUnit } from './queries';
import { unitSchema } from './schemas';

const codeLimit = limits.CreateUnitRequest.code;

/** Adds a unit, or edits `unit` when given. */
export function UnitFormDialog({ unit, onClose }: { unit?: Unit; onClose: () => void }) {
  const { t } = useTranslation('units');
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: unitKeys.all });
  const unitForm = useApiForm({
    schema: unitSchema,
    defaultValues: { code: unit?.code ?? '', name: unit?.name ?? '' },
    // An edit sends only what changed, so that the server's audit log records just that.
    send: (values, changed) => (unit ? updateUnit(unit, changed) : createUnit(values)),
    fieldCodes: { unit_code_taken: 'code' },
    limits: unit ? limits.UpdateUnitRequest : limits.CreateUnitRequest,
    onUnchanged: unit ? onClose : undefined,
    onSuccess: (saved) => {
      notifySaved(t(unit ? 'updated' : 'created', { code: saved.code }));
      void refresh();
      onClose();
    },
    // Someone else saved first: reload the list so that editing again starts from their version.
    onError: () => void refresh(),
  });

  return (
    <FormDialog form={unitForm} title={unit ? t('editTitle', { code: unit.code }) : t('createTitle')} onClose={onClose}>
      <TextInput
        label={t('fieldCode')}
        description={t('fieldCodeHint', { min: codeLimit.minLength, max: codeLimit.maxLength })}
        required
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        error={unitForm.fieldError('code')}
        {...unitForm.form.register('code')}
      />
      <TextInput
        label={t('fieldName')}
        description={t('fieldNameHint')}
        required
        error={unitForm.fieldError('name')}
        {...unitForm.form.register('name')}
      />
    </FormDialog>
  );
}
