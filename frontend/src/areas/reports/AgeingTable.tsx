import { Table } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FigureTable, TotalFigure } from '../../components/FigureTable';
import { formatRupiah } from '../../format';
import { formatCount, RIGHT } from './table';

/** What an ageing report says of a row, and of all of them: how many orders and their amount. */
interface Counted {
  orders: number;
  amount: { amount: string };
}

/** A row of an ageing report: counted, and how old its oldest order is (in days), when it has one. */
interface Aged extends Counted {
  oldest_age_days: number | null;
}

/** The figures of an ageing report's row before its age buckets, in the order the columns read. */
type Figure = 'orders' | 'amount' | 'oldest';

/** The oldest age of the rows that have one, or null when none has. */
function oldestOf(rows: readonly Aged[]): number | null {
  return rows.reduce<number | null>((oldest, row) => (row.oldest_age_days !== null && (oldest === null || row.oldest_age_days > oldest) ? row.oldest_age_days : oldest), null);
}

/**
 * The table of the two ageing reports (orders by state, owed per company), which count ages alike:
 * per row its name, how many orders, their amount, how old the oldest is and what falls in each age
 * bucket; the totals in the foot, the oldest of all among them. Each report names its columns and
 * draws its rows' names and bucket cells.
 */
export function AgeingTable<Row extends Aged, Age extends string>({
  label,
  minWidth,
  nameHeading,
  heading,
  ages,
  rows,
  rowKey,
  rowName,
  oldestTitle,
  bucket,
  total,
}: {
  label: string;
  minWidth: number;
  /** The heading of the column that names the rows. */
  nameHeading: string;
  /** The heading of a figure's or an age bucket's column. */
  heading: (column: Figure | Age) => string;
  ages: readonly Age[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowName: (row: Row) => ReactNode;
  /** Since when the row's oldest order is counted, shown over its age. */
  oldestTitle: (row: Row) => string | undefined;
  /** A row's cell of one age bucket; `row` is null for the totals'. */
  bucket: (age: Age, row: Row | null) => ReactNode;
  /** The totals' label and figures. */
  total: Counted & { label: string };
}) {
  const { t } = useTranslation('reports');
  const days = (age: number | null) => (age === null ? '—' : t('ordersByState.days', { count: age, days: formatCount(age) }));
  return (
    <FigureTable
      minWidth={minWidth}
      label={label}
      names={[nameHeading]}
      figures={[...(['orders', 'amount', 'oldest'] as const), ...ages].map((column) => heading(column))}
      total={total.label}
      totals={
        <>
          <TotalFigure>{formatCount(total.orders)}</TotalFigure>
          <TotalFigure>{formatRupiah(total.amount.amount)}</TotalFigure>
          <TotalFigure>{days(oldestOf(rows))}</TotalFigure>
          {ages.map((age) => (
            <Fragment key={age}>{bucket(age, null)}</Fragment>
          ))}
        </>
      }
    >
      {rows.map((row) => (
        <Table.Tr key={rowKey(row)}>
          <Table.Th scope="row" fw="normal">
            {rowName(row)}
          </Table.Th>
          <Table.Td style={RIGHT}>{formatCount(row.orders)}</Table.Td>
          <Table.Td style={RIGHT}>{formatRupiah(row.amount.amount)}</Table.Td>
          <Table.Td style={RIGHT} title={oldestTitle(row)}>
            {days(row.oldest_age_days)}
          </Table.Td>
          {ages.map((age) => (
            <Fragment key={age}>{bucket(age, row)}</Fragment>
          ))}
        </Table.Tr>
      ))}
    </FigureTable>
  );
}
