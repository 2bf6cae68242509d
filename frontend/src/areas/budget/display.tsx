import { Group, Select, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { jakartaYear } from '../../format';
import { isFiscalYear } from './address';

/**
 * A fiscal year to look at: the years around the one in progress (next year's DPA is adopted
 * before it starts, last year's is still read), and the year already shown.
 */
export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('budget');
  const now = jakartaYear();
  const years = [...new Set([now + 1, now, now - 1, now - 2, value])].filter(isFiscalYear).sort((a, b) => b - a);
  return (
    <Select
      label={t('fiscalYear')}
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

/** The area's heading with the page's own actions beside it. */
export function AreaHeader({ title, intro, actions }: { title: string; intro?: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        <Title order={1}>{title}</Title>
        {intro && (
          <Text c="dimmed" size="sm" mt={4} maw={720}>
            {intro}
          </Text>
        )}
      </div>
      {actions}
    </Group>
  );
}

/** A record's facts, one labelled row each, as a table a screen reader reads row by row. */
export function FactTable({ label, rows }: { label: string; rows: readonly (readonly [string, ReactNode])[] }) {
  return (
    <Table aria-label={label} verticalSpacing={6}>
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th scope="row" fw={500} w="45%" style={{ verticalAlign: 'top' }}>
              {name}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
