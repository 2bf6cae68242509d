/** Small helpers for fake `fetch` functions in tests. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return json(status, { type: 'about:blank', title: 'Server prose that must not be shown', status, code, detail: 'Server detail that must not be shown', ...extra }, headers);
}

/** A TokenPair as the server answers a browser: the refresh token went into its cookie. */
export function tokenPair(access: string, expiresIn = 900) {
  return { access_token: access, token_type: 'Bearer', expires_in: expiresIn, refresh_expires_in: 86400 };
}

/** The request's input as a path, e.g. "/api/v1/me". */
export function pathOf(input: RequestInfo | URL): string {
  const url = input instanceof Request ? input.url : String(input);
  return new URL(url, 'http://localhost').pathname;
}

export const me = {
  id: '0190f7a0-0000-7000-8000-000000000001',
  username: 'oki.admin',
  full_name: 'Admin OKI',
  email: null,
  role: 'admin',
  organisation: { id: '0190f7a0-0000-7000-8000-0000000000aa', name: 'Pemerintah Kabupaten Ogan Komering Ilir', slug: 'oki', created_at: '2025-01-01T00:00:00Z' },
  unit: { id: '0190f7a0-0000-7000-8000-0000000000bb', code: 'DISKOMINFO', name: 'Dinas Komunikasi dan Informatika', created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z', version: 1 },
  permissions: [
    'organisation.read',
    'units.read',
    'units.manage',
    'users.read',
    'users.manage',
    'audit.read',
    'policy.read',
    'policy.manage',
    'registry.read',
    'registry.manage',
    'registry.sanction',
    'bank_accounts.verify',
    'registration_windows.manage',
    'applications.read',
    'applications.manage',
    'applications.review',
    'applications.approve',
  ],
};

/** A request as a fake server saw it. */
export interface Seen {
  method: string;
  path: string;
  /** The query string, e.g. "?limit=20&q=budi". */
  search: string;
  headers: Headers;
  body: unknown;
}

/**
 * Stubs `fetch` with a server that answers through `handle` first, then knows `/me` (the `me`
 * above) and the units list (`me.unit` alone), and says not_found to the rest. Returns every
 * request it saw, in order.
 */
export function fakeServer(handle: (request: Seen) => Response | undefined = () => undefined): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const text = await request.text();
      const entry: Seen = {
        method: request.method,
        path: pathOf(request),
        search: new URL(request.url).search,
        headers: request.headers,
        body: text ? (JSON.parse(text) as unknown) : undefined,
      };
      seen.push(entry);
      const custom = handle(entry);
      if (custom) return custom;
      if (entry.path === '/api/v1/me') return json(200, me);
      if (entry.path === '/api/v1/units' && entry.method === 'GET') return json(200, { items: [me.unit], next_cursor: null });
      return problem(404, 'not_found');
    }),
  );
  return seen;
}
