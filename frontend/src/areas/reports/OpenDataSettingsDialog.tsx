import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { limits } from '../../api/limits';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { useApiForm } from '../../hooks/useApiForm';
import { openDataSettingsSchema, putOpenDataSettings, settingsRequest, type OpenDataSettings } from './openData';

/** Sets the organisation's open data settings; the first save creates them, later ones replace them. */
export function OpenDataSettingsDialog({ settings, onClose, onSaved }: { settings: OpenDataSettings | null; onClose: () => void; onSaved: (saved: OpenDataSettings) => void }) {
  const { t } = useTranslation('reports');
  const settingsForm = useApiForm({
    schema: openDataSettingsSchema,
    defaultValues: {
      ocid_prefix: settings?.ocid_prefix ?? '',
      publisher_name: settings?.publisher_name ?? '',
      publisher_uri: settings?.publisher_uri ?? '',
      license_url: settings?.license_url ?? '',
      publication_policy_url: settings?.publication_policy_url ?? '',
    },
    send: (values) => putOpenDataSettings(settingsRequest(values)),
    limits: limits.PutOpenDataSettingsRequest,
    onSuccess: (saved) => {
      notifySaved(t('openData.settings.saved', { prefix: saved.ocid_prefix }));
      onSaved(saved);
      onClose();
    },
  });
  const field = (name: 'ocid_prefix' | 'publisher_name' | 'publisher_uri' | 'license_url' | 'publication_policy_url', required = false) => (
    <TextInput
      key={name}
      label={t(`openData.field.${name}`)}
      description={t(`openData.hint.${name}`)}
      required={required}
      autoComplete="off"
      spellCheck={false}
      error={settingsForm.fieldError(name)}
      {...settingsForm.form.register(name)}
    />
  );

  return (
    <FormDialog form={settingsForm} title={t('openData.settings.title')} onClose={onClose} size="lg">
      {field('ocid_prefix', true)}
      {field('publisher_name', true)}
      {field('publisher_uri')}
      {field('license_url')}
      {field('publication_policy_url')}
    </FormDialog>
  );
}
