import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { fakeServer, json, me, problem, tokenPair, type Seen } from '../../test/http';
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

/** The fake server with the one user above in the users list. */
function server(handle: (seen: Seen) => Response | undefined) {
  return fakeServer((request) => {
    const custom = handle(request);
    if (custom) return custom;
    if (request.path === '/api/v1/users' && request.method === 'GET') return json(200, { items: [existing], next_cursor: null });
    return undefined;
  });
}

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
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

  it('shows an auditor, who holds users.read only, the list without any way to change it', async () => {
    const auditor = { ...me, role: 'auditor', permissions: ['organisation.read', 'units.read', 'users.read', 'audit.read'] };
    const seen = server((request) => (request.path === '/api/v1/me' ? json(200, auditor) : undefined));
    renderApp('/users');
    const table = await screen.findByRole('table', { name: 'Pengguna' });
    const row = (await within(table).findByText('oki.verifier')).closest('tr')!;
    expect(within(row).getByText('Verifikator')).toBeInTheDocument();
    expect(within(table).queryByRole('columnheader', { name: 'Aksi' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tambah pengguna' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Aksi untuk oki.verifier' })).not.toBeInTheDocument();
    // Filtering is reading, so it stays.
    expect(screen.getByRole('combobox', { name: 'Peran' })).toBeInTheDocument();
    expect(seen.filter((s) => s.method !== 'GET')).toEqual([]);
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

describe('Users list filters in the address', () => {
  it('puts a filter into the address once typing pauses, and removes it when cleared', async () => {
    const seen = server(() => undefined);
    const app = renderApp('/users');
    const user = userEvent.setup();
    const search = await screen.findByLabelText('Cari nama, nama pengguna, atau email');
    await user.type(search, 'budi');
    await waitFor(() => {
      expect(app.address()).toBe('/users?q=budi');
    });
    // The search waited for the pause: no request asked for part of the word.
    const searches = seen.filter((s) => s.path === '/api/v1/users').map((s) => new URLSearchParams(s.search).get('q'));
    expect(searches.filter((q) => q !== null)).toEqual(['budi']);

    await user.click(screen.getByRole('combobox', { name: 'Peran' }));
    // Mantine's dropdown stays display:none in jsdom (no transitions end there), so it counts as hidden.
    await user.click(await screen.findByRole('option', { name: 'Verifikator', hidden: true }));
    await waitFor(() => {
      expect(app.address()).toBe('/users?q=budi&role=verifier');
    });

    await user.clear(search);
    await waitFor(() => {
      expect(app.address()).toBe('/users?role=verifier');
    });
    await user.click(screen.getByRole('button', { name: 'Hapus filter' }));
    await waitFor(() => {
      expect(app.address()).toBe('/users');
    });
  });

  it('opens an address with filters as that filtered list', async () => {
    const seen = server(() => undefined);
    renderApp('/users?role=verifier&active=false&q=budi');
    expect(await screen.findByLabelText('Cari nama, nama pengguna, atau email')).toHaveValue('budi');
    expect(screen.getByRole('combobox', { name: 'Peran' })).toHaveValue('Verifikator');
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('Nonaktif');
    const list = seen.find((s) => s.path === '/api/v1/users')!;
    const query = new URLSearchParams(list.search);
    expect(query.get('role')).toBe('verifier');
    expect(query.get('active')).toBe('false');
    expect(query.get('q')).toBe('budi');
  });

  it('leaves out a filter value the API would refuse', async () => {
    const seen = server(() => undefined);
    renderApp('/users?role=root');
    await screen.findByRole('table', { name: 'Pengguna' });
    const list = seen.find((s) => s.path === '/api/v1/users')!;
    expect(new URLSearchParams(list.search).has('role')).toBe(false);
  });
});
