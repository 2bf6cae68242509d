/**
 * File sizes in megabytes as officers think of them. A megabyte here is 1024 x 1024 bytes, as the
 * server counts its 20 MB ceiling, so "5 MB" is exactly what the preset's 5242880 bytes mean.
 */
const MEGABYTE = 1024 * 1024;

const megabyteFormat = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });

/** 5242880 bytes as "5", 1572864 as "1,5". */
export function formatMegabytes(bytes: number): string {
  return megabyteFormat.format(bytes / MEGABYTE);
}

/**
 * A size typed in megabytes ("5", "1,5" or "1.5") as whole bytes, or null when it is not a
 * positive number. The server judges the ceiling.
 */
export function megabytesToBytes(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const bytes = Math.round(Number(trimmed) * MEGABYTE);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : null;
}
