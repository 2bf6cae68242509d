import type { Problem } from './types';

/** A failed API call: the HTTP status and, when the body was problem+json, the problem. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  /** Seconds from a Retry-After header, when the server sent one. */
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem | null, retryAfter: number | null = null) {
    super(problem ? `HTTP ${status}: ${problem.code}` : `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  get code(): string | null {
    return this.problem?.code ?? null;
  }
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.status === 'number';
}

function parseRetryAfter(response: Response): number | null {
  const raw = response.headers.get('Retry-After');
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export function toApiError(error: unknown, response: Response): ApiError {
  return new ApiError(response.status, isProblem(error) ? error : null, parseRetryAfter(response));
}

interface Outcome<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Turn an openapi-fetch result into its data, or throw an ApiError (for TanStack Query). */
export async function unwrap<D>(call: Promise<Outcome<D>>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(error, response);
  return data as D;
}
