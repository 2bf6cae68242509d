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

const rupiahFormat = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });

/**
 * An amount of whole rupiah as the API sends it ("1500000"), as Indonesian documents write it:
 * "Rp 1.500.000". The API's amounts have at most 15 digits, below 2^53, so `Number` holds them
 * exactly; nothing is computed with them here.
 */
export function formatRupiah(amount: string): string {
  return rupiahFormat.format(Number(amount));
}

const groupedFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** An amount of whole rupiah without its currency, as a price field shows it: "1.500.000". */
export function groupDigits(amount: string): string {
  return groupedFormat.format(Number(amount));
}

const percentFormat = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 2 });

/** A rate in basis points as a percentage: 200 is "2%", 1250 is "12,5%". */
export function formatBasisPoints(basisPoints: number): string {
  return percentFormat.format(basisPoints / 10_000);
}

const dayFormat = new Intl.DateTimeFormat('id-ID', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A calendar date (YYYY-MM-DD) as "01/02/2025", without moving it through a time zone. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

const yearFormat = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Jakarta', year: 'numeric' });

/** The year in progress in Jakarta, which is the fiscal year in progress. */
export function jakartaYear(now: Date = new Date()): number {
  return Number(yearFormat.format(now));
}

const isoDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Today in Jakarta as a calendar date (YYYY-MM-DD), the day the server judges certificates and
 * licences by: one that ends on this day is still valid.
 */
export function jakartaToday(now: Date = new Date()): string {
  return isoDayFormat.format(now);
}

/** A certificate or a document valid until `until` still counts on that day, as the server judges it. */
export function hasExpired(until: string | null, today: string = jakartaToday()): boolean {
  return until !== null && until < today;
}

/**
 * File sizes in megabytes as officers think of them. A megabyte here is 1024 x 1024 bytes, as the
 * server counts its ceilings, so "5 MB" is exactly what a policy's 5242880 bytes mean.
 */
export const MEGABYTE = 1024 * 1024;

const megabyteFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });

/** 5242880 bytes as "5", 1572864 as "1,5". */
export function formatMegabytes(bytes: number): string {
  return megabyteFormat.format(bytes / MEGABYTE);
}

const kilobyteFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

/** A file's size as people read it: "478 B", "12,3 KB", "1,5 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MEGABYTE) return `${kilobyteFormat.format(bytes / 1024)} KB`;
  return `${megabyteFormat.format(bytes / MEGABYTE)} MB`;
}
