import { Select } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { jakartaYear } from '../../format';
import { isFiscalYear } from './address';
import { summariesQuery } from './queries';

/**
 * The fiscal year to show: any year that has a policy, the years around the one in progress (a
 * policy is prepared for the next year before it starts), and the year already shown.
 */
export function YearPicker({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('policy');
  const versions = useInfiniteQuery(summariesQuery(null));
  const now = jakartaYear();
  const withPolicy = versions.data?.pages.flatMap((page) => page.items.map((version) => version.fiscal_year)) ?? [];
  const years = [...new Set([...withPolicy, now - 1, now, now + 1, value])].filter(isFiscalYear).sort((a, b) => b - a);
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
