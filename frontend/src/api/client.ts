import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { SESSION_FLAG_KEY, SessionStore } from '../auth/session';
import type { paths } from './schema';
import type { ProblemCode, TokenPair } from './types';

export type ApiClient = Client<paths>;

/** Codes on a 401 that mean "get a new access token and try again". */
const RENEWABLE: ReadonlySet<string> = new Set<ProblemCode>(['token_expired', 'invalid_token']);
const AUTH_PATH = /^\/api\/v1\/auth\//;
/** Renew this many seconds before the access token expires. */
const DEFAULT_LEEWAY_SECONDS = 60;

export interface ApiOptions {
  session: SessionStore;
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
  /** Renew the access token shortly before it expires (off in unit tests). */
  proactiveRefresh?: boolean;
  leewaySeconds?: number;
}

export interface Api {
  client: ApiClient;
  session: SessionStore;
  /** Get a new access token with the session cookie; concurrent callers share one request. */
  refreshSession: () => Promise<boolean>;
  /** Keep the access token of a login and plan its renewal. */
  acceptTokens: (pair: TokenPair) => void;
  /** Forget the session at once, and end it on the server in the background. */
  logout: () => Promise<void>;
  /**
   * Renew the session a reload left behind, then follow sign-ins and sign-outs in other tabs.
   * Returns the function that stops following them.
   */
  start: () => () => void;
  /** What `start` does when another tab changed the session flag. */
  followOtherTab: () => void;
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

/**
 * Serialise the uses of the session cookie across tabs: each refresh rotates it, and presenting
 * one that another tab has just spent would be taken as theft and end the session.
 */
async function withCrossTabLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return task();
  return locks.request('mitra-refresh', task);
}

export function createApi(options: ApiOptions): Api {
  const { session } = options;
  const leeway = options.leewaySeconds ?? DEFAULT_LEEWAY_SECONDS;
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  let inflight: Promise<boolean> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Counts the sessions ended here, so that a renewal answered after its session ended is dropped. */
  let ended = 0;
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
      if (session.getAccessToken() !== null) void refreshSession();
    }, delay);
  }

  function endSession(reason: 'logout' | 'expired') {
    ended += 1;
    cancelTimer();
    session.clear(reason);
  }

  async function renew(): Promise<boolean> {
    // Without an access token nothing is known until the server answers: the app waits for it.
    const restoring = session.getAccessToken() === null;
    const generation = ended;
    if (restoring) session.setRestoring(true);
    try {
      return await withCrossTabLock(async () => {
        if (generation !== ended) return false;
        let outcome;
        try {
          outcome = await client.POST('/api/v1/auth/refresh', { body: {} });
        } catch {
          // Network failure: the cookie may still be good, keep the session for the next try.
          return false;
        }
        // Signed out while the answer was on its way: its tokens belong to no session here.
        if (generation !== ended) return false;
        if (outcome.data) {
          acceptTokens(outcome.data);
          return true;
        }
        // invalid_refresh_token, refresh_token_reused, cross_site_request: this session is over.
        if (outcome.response.status >= 400 && outcome.response.status < 500) endSession('expired');
        return false;
      });
    } finally {
      if (restoring) session.setRestoring(false);
    }
  }

  function refreshSession(): Promise<boolean> {
    // Neither an access token nor a cookie to renew: signed out, nothing to ask.
    if (inflight === null && session.getAccessToken() === null && !session.mayHaveSession()) return Promise.resolve(false);
    inflight ??= renew().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  const auth: Middleware = {
    async onRequest({ request, schemaPath, id }) {
      if (AUTH_PATH.test(schemaPath)) return undefined;
      let token = session.getAccessToken();
      if (token === null && session.mayHaveSession()) {
        // After a reload only the session cookie is left.
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
    endSession('logout');
    try {
      // After any renewal still running, so that the cookie it leaves is the one ended.
      await withCrossTabLock(() => client.POST('/api/v1/auth/logout', { body: {} }));
    } catch {
      // Signed out here either way; the server's session expires on its own.
    }
  }

  function followOtherTab() {
    if (session.mayHaveSession()) {
      // Signed in over there: this tab gets its own access token from the shared cookie.
      if (session.getAccessToken() === null) void refreshSession();
    } else if (session.getSnapshot().signedIn) {
      // Signed out over there, or its renewal was refused: the cookie is gone for this tab too.
      endSession('logout');
    }
  }

  function start() {
    const onStorage = (event: StorageEvent) => {
      // A null key: the other tab cleared all of localStorage.
      if (event.key === null || event.key === SESSION_FLAG_KEY) followOtherTab();
    };
    window.addEventListener('storage', onStorage);
    void refreshSession();
    return () => {
      window.removeEventListener('storage', onStorage);
    };
  }

  return { client, session, refreshSession, acceptTokens, logout, start, followOtherTab, dispose: cancelTimer };
}

/** The one API client of the app. */
export const api: Api = createApi({
  session: new SessionStore(),
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  // Looked up on each call so tests can stub the global fetch.
  fetch: (request) => globalThis.fetch(request),
  proactiveRefresh: true,
});
