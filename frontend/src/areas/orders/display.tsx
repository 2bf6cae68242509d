import { Badge, Group, Select, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { jakartaYear } from '../../format';
import { isFiscalYear } from './address';
import type { OrderState } from './model';

const STATE_COLOR: Record<OrderState, string> = {
  issued: 'blue',
  accepted: 'indigo',
  declined: 'red',
  published: 'cyan',
  proof_verified: 'teal',
  proof_rejected: 'orange',
  invoiced: 'grape',
  paid: 'green',
  cancelled: 'gray',
};

export function StateBadge({ state, size }: { state: OrderState; size?: string }) {
  const { t } = useTranslation('orders');
  return (
    <Badge color={STATE_COLOR[state]} variant="light" tt="none" miw="max-content" size={size}>
      {t(`state.${state}`)}
    </Badge>
  );
}

/** A fiscal year to look at: the years around the one in progress, and the year already shown. */
export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('orders');
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

/** A page's heading with its own actions beside it. */
export function PageHeader({ title, intro, actions }: { title: ReactNode; intro?: string; actions?: ReactNode }) {
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
            <Table.Th scope="row" fw={500} w="40%" style={{ verticalAlign: 'top' }}>
              {name}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
