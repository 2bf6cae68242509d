import { SESSION_FLAG_KEY, SessionStore } from '../auth/session';
import { json, me, pathOf, problem, tokenPair } from '../test/http';
import { storedItems } from '../test/storage';
import { createApi } from './client';
import { ApiError, unwrap } from './errors';

const BASE = 'http://mitra.test';

interface Calls {
  me: string[];
  /** What each refresh carried: its body, and whether it came with a bearer token. */
  refresh: { body: unknown; bearer: boolean }[];
  logout: unknown[];
}

/**
 * A fake server with the browser's cookie jar folded in: login sets the session cookie, /auth/refresh
 * rotates it (or refuses, when `refuse` is set, or when there is none), /auth/logout clears it.
 * /me accepts only the current access token and answers 401 token_expired otherwise.
 */
function fakeServer(options: { refuse?: boolean; refreshDelayMs?: number; cookie?: boolean } = {}) {
  let current = 'access-2';
  let generation = 2;
  let cookie = options.cookie ?? true;
  const calls: Calls = { me: [], refresh: [], logout: [] };
  const fetch = vi.fn(async (request: Request) => {
    const path = pathOf(request);
    if (path === '/api/v1/auth/login') {
      cookie = true;
      return json(200, tokenPair(current));
    }
    if (path === '/api/v1/auth/refresh') {
      calls.refresh.push({ body: await request.json(), bearer: request.headers.has('Authorization') });
      await new Promise((resolve) => setTimeout(resolve, options.refreshDelayMs ?? 10));
      if (options.refuse || !cookie) {
        cookie = false;
        return problem(401, 'invalid_refresh_token');
      }
      generation += 1;
      current = `access-${generation}`;
      return json(200, tokenPair(current));
    }
    if (path === '/api/v1/auth/logout') {
      calls.logout.push(await request.json());
      cookie = false;
      return new Response(null, { status: 204 });
    }
    if (path === '/api/v1/me') {
      const auth = request.headers.get('Authorization') ?? '';
      calls.me.push(auth);
      if (auth === '') return problem(401, 'unauthenticated');
      return auth === `Bearer ${current}` ? json(200, me) : problem(401, 'token_expired');
    }
    if (path === '/api/v1/users') {
      return problem(403, 'forbidden');
    }
    return problem(404, 'not_found');
  });
  return { fetch, calls };
}

/** Signed in with `accessToken`, or, without one, as a reloaded page: only the flag is left. */
function setup(server: ReturnType<typeof fakeServer>, accessToken: string | null = 'access-1') {
  if (!accessToken) localStorage.setItem(SESSION_FLAG_KEY, '1');
  const session = new SessionStore(localStorage);
  if (accessToken) session.setTokens(tokenPair(accessToken));
  const api = createApi({ session, baseUrl: BASE, fetch: server.fetch });
  return { api, session };
}

describe('API client auth middleware', () => {
  it('sends the access token as a bearer token', async () => {
    const server = fakeServer();
    const { api } = setup(server, 'access-2');
    const result = await unwrap(api.client.GET('/api/v1/me'));
    expect(result.username).toBe('oki.admin');
    expect(server.calls.me).toEqual(['Bearer access-2']);
    expect(server.calls.refresh).toEqual([]);
  });

  it('renews an expired token once for concurrent 401s and retries each request once', async () => {
    const server = fakeServer({ refreshDelayMs: 30 });
    const { api, session } = setup(server);
    const results = await Promise.all([1, 2, 3, 4].map(() => unwrap(api.client.GET('/api/v1/me'))));
    expect(results.map((r) => r.username)).toEqual(['oki.admin', 'oki.admin', 'oki.admin', 'oki.admin']);
    // One renewal, by the cookie alone: an empty body and no bearer token.
    expect(server.calls.refresh).toEqual([{ body: {}, bearer: false }]);
    // Four rejected with the old token, four retried with the new one.
    expect(server.calls.me.filter((h) => h === 'Bearer access-1')).toHaveLength(4);
    expect(server.calls.me.filter((h) => h === 'Bearer access-3')).toHaveLength(4);
    expect(session.getAccessToken()).toBe('access-3');
  });

  it('retries with a token another request already renewed instead of renewing again', async () => {
    const server = fakeServer();
    const { api } = setup(server);
    await unwrap(api.client.GET('/api/v1/me'));
    expect(server.calls.refresh).toHaveLength(1);
    // A later call with the fresh token does not refresh at all.
    await unwrap(api.client.GET('/api/v1/me'));
    expect(server.calls.refresh).toHaveLength(1);
  });

  it('clears the session once when the renewal is refused', async () => {
    const server = fakeServer({ refuse: true });
    const { api, session } = setup(server);
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => unwrap(api.client.GET('/api/v1/me'))));
    expect(server.calls.refresh).toHaveLength(1);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason as ApiError;
      expect(reason).toBeInstanceOf(ApiError);
      expect(reason.code).toBe('token_expired');
    }
    expect(session.getAccessToken()).toBeNull();
    expect(localStorage.getItem(SESSION_FLAG_KEY)).toBeNull();
    expect(session.getSnapshot()).toEqual({ signedIn: false, restoring: false, endReason: 'expired' });
  });

  it('starts a session from the cookie after a reload, before the first request', async () => {
    const server = fakeServer();
    const { api, session } = setup(server, null);
    expect(session.getSnapshot()).toEqual({ signedIn: true, restoring: false, endReason: null });
    await unwrap(api.client.GET('/api/v1/me'));
    expect(server.calls.refresh).toEqual([{ body: {}, bearer: false }]);
    expect(server.calls.me).toEqual(['Bearer access-3']);
  });

  it('does not renew on a 401 with another code, nor on other statuses', async () => {
    const server = fakeServer();
    const { api } = setup(server, 'access-2');
    await expect(unwrap(api.client.GET('/api/v1/users'))).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect(server.calls.refresh).toEqual([]);
  });

  it('never attaches the bearer token to or renews around the auth endpoints', async () => {
    const fetch = vi.fn((request: Request) => {
      expect(request.headers.get('Authorization')).toBeNull();
      return Promise.resolve(problem(401, 'invalid_credentials'));
    });
    const session = new SessionStore(localStorage);
    session.setTokens(tokenPair('access-1'));
    const api = createApi({ session, baseUrl: BASE, fetch });
    const outcome = api.client.POST('/api/v1/auth/login', { body: { username: 'x', password: 'y' } });
    await expect(unwrap(outcome)).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('renews proactively shortly before the access token expires', async () => {
    vi.useFakeTimers();
    try {
      const server = fakeServer({ refreshDelayMs: 0 });
      const session = new SessionStore(localStorage);
      const api = createApi({ session, baseUrl: BASE, fetch: server.fetch, proactiveRefresh: true, leewaySeconds: 60 });
      api.acceptTokens(tokenPair('access-1', 900));
      await vi.advanceTimersByTimeAsync(839_000);
      expect(server.calls.refresh).toEqual([]);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(server.calls.refresh).toHaveLength(1);
      expect(session.getAccessToken()).toBe('access-3');
      api.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('session start', () => {
  it('waits for the renewal of a reloaded session, then holds its access token', async () => {
    const server = fakeServer();
    const { api, session } = setup(server, null);
    const stop = api.start();
    // The app shows a loader meanwhile, not the login page.
    expect(session.getSnapshot()).toEqual({ signedIn: true, restoring: true, endReason: null });
    await vi.waitFor(() => {
      expect(session.getSnapshot().restoring).toBe(false);
    });
    expect(session.getSnapshot().signedIn).toBe(true);
    expect(session.getAccessToken()).toBe('access-3');
    stop();
  });

  it('clears the flag and signs out when the cookie is refused', async () => {
    const server = fakeServer({ cookie: false });
    const { api, session } = setup(server, null);
    const stop = api.start();
    await vi.waitFor(() => {
      expect(session.getSnapshot()).toEqual({ signedIn: false, restoring: false, endReason: 'expired' });
    });
    expect(localStorage.getItem(SESSION_FLAG_KEY)).toBeNull();
    stop();
  });

  it('asks nothing when no session was left', async () => {
    const server = fakeServer();
    const session = new SessionStore(localStorage);
    const api = createApi({ session, baseUrl: BASE, fetch: server.fetch });
    const stop = api.start();
    await Promise.resolve();
    expect(server.fetch).not.toHaveBeenCalled();
    expect(session.getSnapshot()).toEqual({ signedIn: false, restoring: false, endReason: null });
    stop();
  });

  it('follows a sign-in and a sign-out in another tab', async () => {
    const server = fakeServer();
    const session = new SessionStore(localStorage);
    const api = createApi({ session, baseUrl: BASE, fetch: server.fetch });
    const stop = api.start();
    // Another tab signed in: the cookie is shared, so this tab renews into its own access token.
    localStorage.setItem(SESSION_FLAG_KEY, '1');
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_FLAG_KEY, newValue: '1' }));
    await vi.waitFor(() => {
      expect(session.getAccessToken()).toBe('access-3');
    });
    // Another tab signed out: the cookie is gone, this tab forgets its access token too.
    localStorage.removeItem(SESSION_FLAG_KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_FLAG_KEY, oldValue: '1' }));
    expect(session.getAccessToken()).toBeNull();
    expect(session.getSnapshot()).toEqual({ signedIn: false, restoring: false, endReason: 'logout' });
    stop();
  });
});

describe('logout', () => {
  it('forgets the session at once and ends it on the server with the cookie', async () => {
    const server = fakeServer();
    const { api, session } = setup(server);
    const done = api.logout();
    expect(session.getSnapshot()).toEqual({ signedIn: false, restoring: false, endReason: 'logout' });
    expect(localStorage.getItem(SESSION_FLAG_KEY)).toBeNull();
    await done;
    expect(server.calls.logout).toEqual([{}]);
  });

  it('drops the tokens of a renewal that was still on its way', async () => {
    const server = fakeServer({ refreshDelayMs: 30 });
    const { api, session } = setup(server, null);
    const renewal = api.refreshSession();
    await api.logout();
    expect(await renewal).toBe(false);
    expect(session.getAccessToken()).toBeNull();
    expect(session.getSnapshot().signedIn).toBe(false);
    expect(server.calls.logout).toHaveLength(1);
  });
});

describe('what the browser keeps', () => {
  it('never writes a token to localStorage: only the session flag', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const server = fakeServer();
    const session = new SessionStore(localStorage);
    const api = createApi({ session, baseUrl: BASE, fetch: server.fetch });
    api.acceptTokens(await unwrap(api.client.POST('/api/v1/auth/login', { body: { username: 'oki.admin', password: 'kata-sandi' } })));
    expect(await api.refreshSession()).toBe(true);
    await unwrap(api.client.GET('/api/v1/me'));
    expect(storedItems()).toEqual({ [SESSION_FLAG_KEY]: '1' });
    await api.logout();
    expect(setItem.mock.calls.length).toBeGreaterThan(0);
    expect(setItem.mock.calls.every(([key, value]) => key === SESSION_FLAG_KEY && value === '1')).toBe(true);
    expect(localStorage).toHaveLength(0);
  });
});
