import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { RIGHT } from './figures';

/**
 * Rows of figures as a labelled, striped table: the columns that name a row first, then its
 * figures, right-aligned; the totals, when there are any, in the foot, their label spanning the
 * naming columns. The reports and the dashboard's charts (read as tables) share it, so that every
 * table of figures reads the same way.
 */
export function FigureTable({
  label,
  names,
  figures,
  minWidth,
  total,
  totals,
  children,
}: {
  label: string;
  /** The headings of the columns that name a row. */
  names: readonly string[];
  /** The headings of the figures' columns. */
  figures: readonly string[];
  /** Below this width the table scrolls sideways rather than squeezes; without it, it never scrolls. */
  minWidth?: number;
  /** The label of the totals' row (e.g. "Total"); without it, the table has no foot. */
  total?: ReactNode;
  /** The totals' cells, after their label. */
  totals?: ReactNode;
  /** The rows, one `Table.Tr` each. */
  children: ReactNode;
}) {
  const table = (
    <Table striped aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          {names.map((heading) => (
            <Table.Th key={heading}>{heading}</Table.Th>
          ))}
          {figures.map((heading) => (
            <Table.Th key={heading} style={RIGHT}>
              {heading}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>{children}</Table.Tbody>
      {total !== undefined && (
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row" colSpan={names.length > 1 ? names.length : undefined}>
              {total}
            </Table.Th>
            {totals}
          </Table.Tr>
        </Table.Tfoot>
      )}
    </Table>
  );
  return minWidth === undefined ? table : <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer>;
}

/** A figure of the totals' row: right-aligned and bold. */
export function TotalFigure({ children }: { children: ReactNode }) {
  return (
    <Table.Td style={RIGHT} fw={700}>
      {children}
    </Table.Td>
  );
}
