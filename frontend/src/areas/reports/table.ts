/** A figure's cell: right-aligned, on one line, as every table of figures has it. */
export { RIGHT } from '../../components/figures';

const countFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** A count as Indonesian documents write it: "1.234". */
export function formatCount(count: number): string {
  return countFormat.format(count);
}
