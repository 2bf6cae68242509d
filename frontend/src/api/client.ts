import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import type { TokenPair } from './types';
import { REFRESH_TOKEN_KEY, SessionStore } from '../auth/session';

export type ApiClient = Client<paths>;

/** Codes on a 401 that mean "get a new access token and try again". */
const RENEWABLE = new Set(['token_expired', 'invalid_token']);
const AUTH_PATH = /^\/api\/v1\/auth\//;
/** Renew this many seconds before the access token expires. */
const DEFAULT_LEEWAY_SECONDS = 60;

export interface ApiOptions {
  session: SessionStore;
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
  /** Called once when the session could not be renewed and was cleared. */
  onSessionEnded?: () => void;
  /** Renew the access token shortly before it expires (off in unit tests). */
  proactiveRefresh?: boolean;
  leewaySeconds?: number;
}

export interface Api {
  client: ApiClient;
  session: SessionStore;
  /** Renew the access token with the stored refresh token; concurrent callers share one request. */
  refreshSession: () => Promise<boolean>;
  /** Store a fresh token pair (after login) and plan its renewal. */
  acceptTokens: (pair: TokenPair) => void;
  logout: () => Promise<void>;
  dispose: () => void;
}

interface Pending {
  /** An unsent copy of the request, kept so it can be retried once with a new token. */
  retry: Request;
  token: string | null;
}

async function problemCode(response: Response): Promise<string | null> {
  try {
    const body: unknown = await response.clone().json();
    if (typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string') {
      return body.code;
    }
  } catch {
    // Not JSON.
  }
  return null;
}

/** Serialise renewals across tabs: refresh tokens rotate, and a reused one revokes the session. */
async function withCrossTabLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return task();
  return locks.request('mitra-refresh', task);
}

export function createApi(options: ApiOptions): Api {
  const { session, onSessionEnded } = options;
  const leeway = options.leewaySeconds ?? DEFAULT_LEEWAY_SECONDS;
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  let inflight: Promise<boolean> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const pending = new Map<string, Pending>();

  function cancelTimer() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function planRenewal(expiresIn: number) {
    cancelTimer();
    if (!options.proactiveRefresh) return;
    const delay = Math.max(5, expiresIn - Math.min(leeway, expiresIn / 2)) * 1000;
    timer = setTimeout(() => {
      timer = null;
      if (session.getRefreshToken()) void refreshSession();
    }, delay);
  }

  function endSession() {
    cancelTimer();
    session.clear('expired');
    onSessionEnded?.();
  }

  async function renew(): Promise<boolean> {
    return withCrossTabLock(async () => {
      const refreshToken = session.getRefreshToken();
      if (!refreshToken) {
        if (session.getSnapshot().signedIn) endSession();
        return false;
      }
      let outcome;
      try {
        outcome = await client.POST('/api/v1/auth/refresh', { body: { refresh_token: refreshToken } });
      } catch {
        // Network failure: the refresh token may still be good, keep it for the next try.
        return false;
      }
      if (outcome.data) {
        session.setTokens(outcome.data);
        planRenewal(outcome.data.expires_in);
        return true;
      }
      if (outcome.response.status === 400 || outcome.response.status === 401) {
        // invalid_refresh_token or refresh_token_reused: this session is over.
        endSession();
      }
      return false;
    });
  }

  function refreshSession(): Promise<boolean> {
    inflight ??= renew().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  const auth: Middleware = {
    async onRequest({ request, schemaPath, id }) {
      if (AUTH_PATH.test(schemaPath)) return undefined;
      let token = session.getAccessToken();
      if (token === null && session.getRefreshToken() !== null) {
        // After a reload only the refresh token is left.
        await refreshSession();
        token = session.getAccessToken();
      }
      if (token !== null) request.headers.set('Authorization', `Bearer ${token}`);
      pending.set(id, { retry: request.clone(), token });
      return request;
    },
    async onResponse({ response, id, options: fetchOptions }) {
      const entry = pending.get(id);
      pending.delete(id);
      if (!entry || response.status !== 401) return undefined;
      const code = await problemCode(response);
      if (code === null || !RENEWABLE.has(code)) return undefined;
      let current = session.getAccessToken();
      // Another request may already have renewed the token while this one was in flight.
      if (current === null || current === entry.token) {
        if (!(await refreshSession())) return undefined;
        current = session.getAccessToken();
      }
      if (current === null) return undefined;
      entry.retry.headers.set('Authorization', `Bearer ${current}`);
      return fetchOptions.fetch(entry.retry);
    },
    onError({ id }) {
      pending.delete(id);
      return undefined;
    },
  };
  client.use(auth);

  function acceptTokens(pair: TokenPair) {
    session.setTokens(pair);
    planRenewal(pair.expires_in);
  }

  async function logout() {
    const refreshToken = session.getRefreshToken();
    cancelTimer();
    session.clear('logout');
    if (refreshToken) {
      try {
        await client.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } });
      } catch {
        // Signed out locally either way; the token expires on its own.
      }
    }
  }

  return { client, session, refreshSession, acceptTokens, logout, dispose: cancelTimer };
}

const session = new SessionStore();

/** The one API client of the app. */
export const api: Api = createApi({
  session,
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  // Looked up on each call so tests can stub the global fetch.
  fetch: (request) => globalThis.fetch(request),
  proactiveRefresh: true,
});

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === null || event.key === REFRESH_TOKEN_KEY) session.sync();
  });
}

export const apiClient = api.client;
