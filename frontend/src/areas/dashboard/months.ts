import { useTranslation } from 'react-i18next';

const MONTH = /^(\d{4})-(\d{2})$/;

function localeOf(language: string): string {
  return language === 'en' ? 'en-GB' : 'id-ID';
}

function format(key: string, language: string, options: Intl.DateTimeFormatOptions): string {
  const match = MONTH.exec(key);
  if (!match) return key;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  if (Number.isNaN(date.getTime())) return key;
  return new Intl.DateTimeFormat(localeOf(language), { timeZone: 'UTC', ...options }).format(date);
}

/** A month of payment (`2026-03`) by name, in full ("Maret 2026") and short, under its bar ("Mar"). */
export function useMonthNames() {
  const { i18n } = useTranslation('dashboard');
  const language = i18n.resolvedLanguage ?? 'id';
  return {
    long: (key: string) => format(key, language, { month: 'long', year: 'numeric' }),
    short: (key: string) => format(key, language, { month: 'short' }),
  };
}
