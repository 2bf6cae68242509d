const countFormat = new Intl.NumberFormat('id-ID');

/** A count as Indonesian writes it: "1.234". */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** A right-aligned figure in a table, kept on one line, as every table of figures has it. */
export { RIGHT } from '../../components/figures';
