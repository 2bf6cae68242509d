import { MEGABYTE } from '../../format';

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
