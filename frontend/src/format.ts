const instantFormat = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An RFC 3339 instant as Jakarta wall-clock time, e.g. "01/02/2025 07.00.00". */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : instantFormat.format(date);
}

/**
 * A calendar date picked in the UI (YYYY-MM-DD, meant in Jakarta) as an RFC 3339 UTC instant at
 * the start of that day, or at its last millisecond with `endOfDay`.
 */
export function jakartaDayToInstant(day: string, endOfDay = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}+07:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
