import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { jakartaYear } from '../../format';
import { isFiscalYear } from './address';

/**
 * A fiscal year to look at: the years around the one in progress (newsrooms are recorded and
 * outlets judged ahead of the next year and after the last), and the year already shown.
 */
export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('registry');
  const now = jakartaYear();
  const years = [...new Set([now + 1, now, now - 1, now - 2, value])].filter(isFiscalYear).sort((a, b) => b - a);
  return (
    <Select
      label={t('fiscalYear')}
      w={160}
      allowDeselect={false}
      data={years.map((year) => ({ value: String(year), label: String(year) }))}
      value={String(value)}
      onChange={(year) => {
        if (year !== null) onChange(Number(year));
      }}
    />
  );
}
