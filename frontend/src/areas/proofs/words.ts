import { ApiError } from '../../api/errors';

/** The other order a reused proof backs, as a `proof_reused` refusal names it in `conflicting`. */
export interface ReusedProof {
  /** The other order's id and number; null when the refusal named none (an older server). */
  orderId: string | null;
  orderNumber: string | null;
}

/** What a `proof_reused` refusal says about the other order. */
export function reusedProof(error: unknown): ReusedProof | null {
  if (!(error instanceof ApiError) || error.code !== 'proof_reused') return null;
  const other = error.problem?.conflicting ?? null;
  return { orderId: other?.id ?? null, orderNumber: other?.number ?? null };
}

/** A broadcast's length as a clock shows it: 90 seconds is "1:30", an hour and a half "1:30:00". */
export function formatDuration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(rest)}` : `${minutes}:${two(rest)}`;
}

/** A time of day as the API sends it ("19:30:00") as Indonesians write it: "19.30" (seconds when set). */
export function formatTimeOfDay(time: string): string {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?/.exec(time);
  if (!match) return time;
  const [, hours, minutes, seconds] = match;
  return seconds && seconds !== '00' ? `${hours}.${minutes}.${seconds}` : `${hours}.${minutes}`;
}
