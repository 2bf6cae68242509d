import { SessionStore } from '../auth/session';
import { me, pathOf, problem, tokenPair, json } from '../test/http';
import { createApi } from './client';
import { ApiError, unwrap } from './errors';

const BASE = 'http://mitra.test';

interface Calls {
  me: string[];
  refresh: string[];
}

/**
 * A fake server: /me accepts only the current access token and answers 401 token_expired
 * otherwise; /auth/refresh rotates tokens (or refuses, when `refuse` is set).
 */
function fakeServer(options: { refuse?: boolean; refreshDelayMs?: number } = {}) {
  let current = 'access-2';
  let generation = 2;
  const calls: Calls = { me: [], refresh: [] };
  const fetch = vi.fn(async (request: Request) => {
    const path = pathOf(request);
    if (path === '/api/v1/auth/refresh') {
      const body = (await request.json()) as { refresh_token: string };
      calls.refresh.push(body.refresh_token);
      await new Promise((resolve) => setTimeout(resolve, options.refreshDelayMs ?? 10));
      if (options.refuse) return problem(401, 'invalid_refresh_token');
      generation += 1;
      current = `access-${generation}`;
      return json(200, tokenPair(current, `refresh-${generation}`));
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

function setup(server: ReturnType<typeof fakeServer>, accessToken: string | null = 'access-1') {
  // As after a reload: the refresh token is already stored when the page starts.
  if (!accessToken) localStorage.setItem('mitra.refresh_token', 'refresh-1');
  const session = new SessionStore(localStorage);
  if (accessToken) session.setTokens(tokenPair(accessToken, 'refresh-1'));
  const onSessionEnded = vi.fn();
  const api = createApi({ session, baseUrl: BASE, fetch: server.fetch, onSessionEnded });
  return { api, session, onSessionEnded };
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
    expect(server.calls.refresh).toEqual(['refresh-1']);
    // Four rejected with the old token, four retried with the new one.
    expect(server.calls.me.filter((h) => h === 'Bearer access-1')).toHaveLength(4);
    expect(server.calls.me.filter((h) => h === 'Bearer access-3')).toHaveLength(4);
    expect(session.getAccessToken()).toBe('access-3');
    expect(session.getRefreshToken()).toBe('refresh-3');
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

  it('clears the session and reports it once when the renewal is refused', async () => {
    const server = fakeServer({ refuse: true });
    const { api, session, onSessionEnded } = setup(server);
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => unwrap(api.client.GET('/api/v1/me'))));
    expect(server.calls.refresh).toHaveLength(1);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason as ApiError;
      expect(reason).toBeInstanceOf(ApiError);
      expect(reason.code).toBe('token_expired');
    }
    expect(session.getAccessToken()).toBeNull();
    expect(session.getRefreshToken()).toBeNull();
    expect(localStorage.getItem('mitra.refresh_token')).toBeNull();
    expect(session.getSnapshot()).toEqual({ signedIn: false, endReason: 'expired' });
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
  });

  it('starts a session from the stored refresh token after a reload', async () => {
    const server = fakeServer();
    const { api, session } = setup(server, null);
    expect(session.getSnapshot().signedIn).toBe(true);
    await unwrap(api.client.GET('/api/v1/me'));
    expect(server.calls.refresh).toEqual(['refresh-1']);
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
    session.setTokens(tokenPair('access-1', 'refresh-1'));
    const api = createApi({ session, baseUrl: BASE, fetch });
    const outcome = api.client.POST('/api/v1/auth/login', { body: { username: 'x', password: 'y' } });
    await expect(unwrap(outcome)).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('logs out by revoking the refresh token and clearing the session', async () => {
    const seen: unknown[] = [];
    const fetch = vi.fn(async (request: Request) => {
      seen.push({ path: pathOf(request), body: (await request.json()) as unknown });
      return new Response(null, { status: 204 });
    });
    const session = new SessionStore(localStorage);
    session.setTokens(tokenPair('access-1', 'refresh-1'));
    const api = createApi({ session, baseUrl: BASE, fetch });
    await api.logout();
    expect(seen).toEqual([{ path: '/api/v1/auth/logout', body: { refresh_token: 'refresh-1' } }]);
    expect(session.getSnapshot()).toEqual({ signedIn: false, endReason: 'logout' });
  });

  it('renews proactively shortly before the access token expires', async () => {
    vi.useFakeTimers();
    try {
      const server = fakeServer({ refreshDelayMs: 0 });
      const session = new SessionStore(localStorage);
      const api = createApi({ session, baseUrl: BASE, fetch: server.fetch, proactiveRefresh: true, leewaySeconds: 60 });
      api.acceptTokens(tokenPair('access-1', 'refresh-1', 900));
      await vi.advanceTimersByTimeAsync(839_000);
      expect(server.calls.refresh).toEqual([]);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(server.calls.refresh).toEqual(['refresh-1']);
      expect(session.getAccessToken()).toBe('access-3');
      api.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
