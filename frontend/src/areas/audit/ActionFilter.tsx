import { Select, Stack, Text, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { auditActionValues } from '../../api/schema';

/** Auditors search by what an action is called and by its code (`user.password_reset`) alike. */
const byNameOrCode: OptionsFilter = ({ options, search }) => {
  const wanted = search.trim().toLowerCase();
  return options.filter(
    (option): option is ComboboxItem =>
      'value' in option && (option.label.toLowerCase().includes(wanted) || option.value.toLowerCase().includes(wanted)),
  );
};

/** Picks one audit action, named in the reader's language with its code below. */
export function ActionFilter({ value, onChange }: { value: string | null; onChange: (action: string | null) => void }) {
  const { t } = useTranslation('audit');
  return (
    <Select
      label={t('filterAction')}
      placeholder={t('common.all')}
      clearable
      searchable
      data={auditActionValues.map((action) => ({ value: action, label: t(`action.${action}`) }))}
      filter={byNameOrCode}
      renderOption={({ option }) => (
        <Stack gap={0}>
          <Text size="sm">{option.label}</Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {option.value}
          </Text>
        </Stack>
      )}
      value={value}
      onChange={onChange}
      w={280}
    />
  );
}
