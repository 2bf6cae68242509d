import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import type { Unit } from '../../api/types';
import { fakeServer, json, me, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';

const dinkes: Unit = {
  id: '0190f7a0-0000-7000-8000-0000000000cc',
  code: 'DINKES',
  name: 'Dinas Kesehatan',
  created_at: '2025-01-02T00:00:00Z',
  updated_at: '2025-01-02T00:00:00Z',
  version: 4,
};

/** The fake server with two units, answering `handle` first. */
function server(handle: (seen: Seen) => Response | undefined = () => undefined, who = me) {
  return fakeServer((request) => {
    const custom = handle(request);
    if (custom) return custom;
    if (request.path === '/api/v1/me') return json(200, who);
    if (request.path === '/api/v1/units' && request.method === 'GET') return json(200, { items: [me.unit, dinkes], next_cursor: null });
    return undefined;
  });
}

const reader = { ...me, role: 'auditor', permissions: ['organisation.read', 'units.read', 'users.read', 'audit.read'] };

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

async function openCreate() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Tambah unit' }));
  return { user, dialog: await screen.findByRole('dialog', { name: 'Tambah unit kerja' }) };
}

describe('Units page', () => {
  it('lists the units by code and name', async () => {
    server();
    renderApp('/units');
    const table = await screen.findByRole('table', { name: 'Unit kerja' });
    const row = (await within(table).findByText('DINKES')).closest('tr')!;
    expect(within(row).getByText('Dinas Kesehatan')).toBeInTheDocument();
    expect(within(table).getByText('DISKOMINFO')).toBeInTheDocument();
  });

  it('lets those without units.manage read the list but not change it', async () => {
    server(undefined, reader);
    renderApp('/units');
    await within(await screen.findByRole('table', { name: 'Unit kerja' })).findByText('DINKES');
    expect(screen.queryByRole('button', { name: 'Tambah unit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Ubah unit/ })).not.toBeInTheDocument();
  });

  it('creates a unit with its code in capitals', async () => {
    const created: Unit = { ...dinkes, id: '0190f7a0-0000-7000-8000-0000000000dd', code: 'BAPPEDA', name: 'Badan Perencanaan Pembangunan Daerah', version: 1 };
    const seen = server((request) => (request.method === 'POST' ? json(201, created) : undefined));
    renderApp('/units');
    const { user, dialog } = await openCreate();
    await user.type(within(dialog).getByLabelText(/Kode unit/), ' bappeda ');
    await user.type(within(dialog).getByLabelText(/Nama unit kerja/), 'Badan Perencanaan Pembangunan Daerah');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText('Unit kerja BAPPEDA telah ditambahkan.')).toBeInTheDocument();
    const post = seen.find((s) => s.method === 'POST')!;
    expect(post.path).toBe('/api/v1/units');
    expect(post.body).toEqual({ code: 'BAPPEDA', name: 'Badan Perencanaan Pembangunan Daerah' });
    // The list is asked for again, so that the new unit shows.
    await waitFor(() => {
      expect(seen.filter((s) => s.path === '/api/v1/units' && s.method === 'GET').length).toBeGreaterThan(1);
    });
  });

  it('checks code and name like the server before sending them', async () => {
    const seen = server();
    renderApp('/units');
    const { user, dialog } = await openCreate();
    await user.type(within(dialog).getByLabelText(/Kode unit/), 'DINAS KOMINFO');
    await user.type(within(dialog).getByLabelText(/Nama unit kerja/), 'X');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await within(dialog).findByText(/^Gunakan hanya huruf, angka, titik, garis bawah, atau tanda hubung/)).toBeInTheDocument();
    expect(within(dialog).getByText('Nama unit kerja harus 2 sampai 200 karakter.')).toBeInTheDocument();
    expect(seen.some((s) => s.method === 'POST')).toBe(false);
  });

  it('puts unit_code_taken on the code field', async () => {
    server((request) => (request.method === 'POST' ? problem(409, 'unit_code_taken') : undefined));
    renderApp('/units');
    const { user, dialog } = await openCreate();
    const code = within(dialog).getByLabelText(/Kode unit/);
    await user.type(code, 'DINKES');
    await user.type(within(dialog).getByLabelText(/Nama unit kerja/), 'Dinas Kesehatan');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    await waitFor(() => {
      expect(code).toHaveAccessibleDescription(expect.stringContaining('Kode unit sudah dipakai.') as string);
    });
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Kode unit sudah dipakai.');
  });

  it('shows the server field errors on their fields, translated', async () => {
    server((request) =>
      request.method === 'POST'
        ? problem(400, 'validation_failed', { errors: [{ field: 'name', code: 'too_long', message: 'server prose' }] })
        : undefined,
    );
    renderApp('/units');
    const { user, dialog } = await openCreate();
    await user.type(within(dialog).getByLabelText(/Kode unit/), 'DINKES');
    await user.type(within(dialog).getByLabelText(/Nama unit kerja/), 'Dinas Kesehatan');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    const name = within(dialog).getByLabelText(/Nama unit kerja/);
    await waitFor(() => {
      expect(name).toHaveAttribute('aria-invalid', 'true');
    });
    expect(within(dialog).getByText('Terlalu panjang.')).toBeInTheDocument();
    expect(screen.queryByText(/server prose/)).not.toBeInTheDocument();
  });

  it('edits with If-Match and sends only the changed fields', async () => {
    const seen = server((request) => (request.method === 'PATCH' ? json(200, { ...dinkes, name: 'Dinas Kesehatan Daerah', version: 5 }) : undefined));
    renderApp('/units');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Ubah unit DINKES' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ubah unit kerja DINKES' });
    expect(within(dialog).getByLabelText(/Kode unit/)).toHaveValue('DINKES');
    const name = within(dialog).getByLabelText(/Nama unit kerja/);
    await user.clear(name);
    await user.type(name, 'Dinas Kesehatan Daerah');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText('Unit kerja DINKES telah diperbarui.')).toBeInTheDocument();
    const patch = seen.find((s) => s.method === 'PATCH')!;
    expect(patch.path).toBe(`/api/v1/units/${dinkes.id}`);
    expect(patch.headers.get('If-Match')).toBe('"4"');
    expect(patch.body).toEqual({ name: 'Dinas Kesehatan Daerah' });
  });

  it('says so when someone else saved the unit first', async () => {
    server((request) => (request.method === 'PATCH' ? problem(412, 'precondition_failed') : undefined));
    renderApp('/units');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Ubah unit DINKES' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ubah unit kerja DINKES' });
    await user.type(within(dialog).getByLabelText(/Nama unit kerja/), ' Daerah');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Data ini telah diubah oleh orang lain. Muat ulang lalu coba lagi.');
  });

  it('closes an edit without asking the server when nothing changed', async () => {
    const seen = server();
    renderApp('/units');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Ubah unit DINKES' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ubah unit kerja DINKES' });
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    expect(seen.some((s) => s.method === 'PATCH')).toBe(false);
  });
});
