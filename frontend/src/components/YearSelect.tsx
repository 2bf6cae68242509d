import { Select } from '@mantine/core';
import { isFiscalYear } from '../fiscalYear';
import { jakartaYear } from '../format';

/**
 * A fiscal year to look at: the years around the one in progress (next year's budget and
 * agreements are prepared before it starts, last year's are still read), and the year shown.
 */
export function YearSelect({ label, value, onChange }: { label: string; value: number; onChange: (year: number) => void }) {
  const now = jakartaYear();
  const years = [...new Set([now + 1, now, now - 1, now - 2, value])].filter(isFiscalYear).sort((a, b) => b - a);
  return (
    <Select
      label={label}
      w={150}
      allowDeselect={false}
      data={years.map((year) => ({ value: String(year), label: String(year) }))}
      value={String(value)}
      onChange={(year) => {
        if (year !== null) onChange(Number(year));
      }}
    />
  );
}
