import { useTranslation } from 'react-i18next';
import type { RealisationDimension, RealisationRow } from './model';

const MONTH = /^(\d{4})-(\d{2})$/;

/** A month of payment (`2026-03`) as the language names it: "Maret 2026", "March 2026". */
export function monthName(key: string, language: string): string {
  const match = MONTH.exec(key);
  if (!match) return key;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  if (Number.isNaN(date.getTime())) return key;
  const locale = language === 'en' ? 'en-GB' : 'id-ID';
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(date);
}

/** What a row is called: its month by name when the report is by month, else the label the server gives. */
export function useRowName() {
  const { i18n } = useTranslation('reports');
  const language = i18n.resolvedLanguage ?? 'id';
  return (row: RealisationRow, by: RealisationDimension) => (by === 'month' ? monthName(row.key, language) : row.label);
}
