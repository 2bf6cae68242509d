import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

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
