import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { json, me, pathOf, problem, tokenPair } from '../../test/http';
import { renderApp } from '../../test/render';

const existing: User = {
  id: '0190f7a0-0000-7000-8000-000000000002',
  username: 'oki.verifier',
  full_name: 'Verifikator OKI',
  email: 'verifier@okikab.go.id',
  role: 'verifier',
  unit_id: me.unit.id,
  active: true,
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-01-01T00:00:00Z',
  version: 3,
};

interface Seen {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: unknown;
}

function server(handle: (seen: Seen) => Response | undefined) {
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
      if (entry.path === '/api/v1/units') return json(200, { items: [me.unit], next_cursor: null });
      if (entry.path === '/api/v1/users' && entry.method === 'GET') return json(200, { items: [existing], next_cursor: null });
      return problem(404, 'not_found');
    }),
  );
  return seen;
}

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1', 'refresh-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

describe('Users page', () => {
  it('lists users with translated role and unit', async () => {
    server(() => undefined);
    renderApp('/users');
    const table = await screen.findByRole('table', { name: 'Pengguna' });
    const row = (await within(table).findByText('oki.verifier')).closest('tr')!;
    expect(within(row).getByText('Verifikator')).toBeInTheDocument();
    expect(within(row).getByText('Aktif')).toBeInTheDocument();
    expect(await within(row).findByText('DISKOMINFO — Dinas Komunikasi dan Informatika')).toBeInTheDocument();
  });

  it('checks the form like the server before sending it', async () => {
    const seen = server(() => undefined);
    renderApp('/users');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tambah pengguna' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Nama pengguna/), 'Bad Name!');
    await user.type(within(dialog).getByLabelText(/Kata sandi awal/), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await within(dialog).findByText(/^Gunakan hanya huruf kecil, angka, titik, garis bawah, atau tanda hubung/)).toBeInTheDocument();
    expect(within(dialog).getByText('Kata sandi minimal 12 karakter.')).toBeInTheDocument();
    expect(within(dialog).getByText('Wajib diisi.')).toBeInTheDocument();
    expect(seen.some((s) => s.method === 'POST')).toBe(false);
  });

  it('shows the server field errors on their fields, translated', async () => {
    const seen = server((request) =>
      request.method === 'POST' && request.path === '/api/v1/users'
        ? problem(400, 'validation_failed', { errors: [{ field: 'email', code: 'invalid_format', message: 'not an email (server prose)' }] })
        : undefined,
    );
    renderApp('/users');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tambah pengguna' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Nama pengguna/), 'Budi.Santoso');
    await user.type(within(dialog).getByLabelText(/Nama lengkap/), 'Budi Santoso');
    await user.type(within(dialog).getByLabelText(/Email/), 'budi@okikab.go.id');
    await user.type(within(dialog).getByLabelText(/Kata sandi awal/), 'a long enough password');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));

    expect(await within(dialog).findByText('Format tidak valid.')).toBeInTheDocument();
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Data yang dikirim tidak valid. Periksa isian yang ditandai.');
    expect(screen.queryByText(/server prose/)).not.toBeInTheDocument();
    const post = seen.find((s) => s.method === 'POST');
    expect(post?.body).toEqual({
      username: 'budi.santoso',
      full_name: 'Budi Santoso',
      email: 'budi@okikab.go.id',
      role: 'officer',
      unit_id: null,
      password: 'a long enough password',
    });
  });

  it('puts username_taken on the username field', async () => {
    server((request) => (request.method === 'POST' ? problem(409, 'username_taken') : undefined));
    renderApp('/users');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tambah pengguna' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Nama pengguna/), 'oki.verifier');
    await user.type(within(dialog).getByLabelText(/Nama lengkap/), 'Someone');
    await user.type(within(dialog).getByLabelText(/Kata sandi awal/), 'a long enough password');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await within(dialog).findAllByText('Nama pengguna sudah dipakai.')).not.toHaveLength(0);
  });

  it('edits with If-Match and sends only the changed fields', async () => {
    const seen = server((request) => (request.method === 'PATCH' ? json(200, { ...existing, full_name: 'Verifikator Baru', version: 4 }) : undefined));
    renderApp('/users');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Aksi untuk oki.verifier' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Ubah' }));
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByLabelText(/Nama lengkap/);
    await user.clear(name);
    await user.type(name, 'Verifikator Baru');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText('Pengguna oki.verifier telah diperbarui.')).toBeInTheDocument();
    const patch = seen.find((s) => s.method === 'PATCH')!;
    expect(patch.path).toBe(`/api/v1/users/${existing.id}`);
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(patch.body).toEqual({ full_name: 'Verifikator Baru' });
  });

  it('sends the filters as query parameters', async () => {
    const seen = server(() => undefined);
    renderApp('/users');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Cari nama, nama pengguna, atau email'), 'budi');
    await waitFor(() => {
      expect(seen.some((s) => s.path === '/api/v1/users' && s.search.includes('q=budi'))).toBe(true);
    });
  });
});

describe('App shell', () => {
  it('shows administration only to those allowed, and the dashboard facts from /me', async () => {
    server((request) =>
      request.path === '/api/v1/me' ? json(200, { ...me, role: 'officer', permissions: ['units.read'] }) : undefined,
    );
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Selamat datang, Admin OKI' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Navigasi utama' });
    expect(within(nav).getByRole('link', { name: 'Pesanan' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Pengguna' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Log audit' })).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Peran' })).toHaveTextContent('Petugas');
    expect(screen.getByRole('region', { name: 'Unit kerja' })).toHaveTextContent('DISKOMINFO — Dinas Komunikasi dan Informatika');
  });

  it('refuses the users page without users.manage', async () => {
    server((request) => (request.path === '/api/v1/me' ? json(200, { ...me, permissions: [] }) : undefined));
    renderApp('/users');
    expect(await screen.findByRole('heading', { name: 'Akses ditolak' })).toBeInTheDocument();
  });

  it('shows a translated 404 for unknown routes', async () => {
    server(() => undefined);
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeInTheDocument();
  });

  it('describes an area that is not built yet, without data', async () => {
    server(() => undefined);
    renderApp('/finance');
    expect(await screen.findByRole('heading', { name: 'Keuangan' })).toBeInTheDocument();
    expect(screen.getByText(/belum tersedia/)).toBeInTheDocument();
  });
});
