import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { auditActionValues } from '../../api/schema';
import type { AuditEvent, ChainVerification } from '../../api/types';
import { formatInstant } from '../../format';
import { json, me, pathOf, problem, tokenPair } from '../../test/http';
import { renderApp } from '../../test/render';

const event: AuditEvent = {
  id: '0190f7a0-0000-7000-8000-0000000000e1',
  sequence: 7,
  occurred_at: '2025-03-01T17:30:00Z',
  actor_id: me.id,
  actor_username: 'oki.admin',
  entity_type: 'user',
  entity_id: '0190f7a0-0000-7000-8000-000000000002',
  action: 'user.updated',
  before: { full_name: 'Lama' },
  after: { full_name: 'Baru' },
  request_id: 'req-1',
  hash: 'abc',
  prev_hash: 'def',
};

function serve(verification: ChainVerification) {
  const urls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((request: Request) => {
      urls.push(request.url);
      const path = pathOf(request);
      if (path === '/api/v1/me') return Promise.resolve(json(200, me));
      if (path === '/api/v1/audit-events') {
        const older = { ...event, id: '0190f7a0-0000-7000-8000-0000000000e0', sequence: 6, action: 'user.created', before: null };
        const page = request.url.includes('cursor=next') ? { items: [older], next_cursor: null } : { items: [event], next_cursor: 'next' };
        return Promise.resolve(json(200, page));
      }
      if (path === '/api/v1/audit-events/verification') return Promise.resolve(json(200, verification));
      return Promise.resolve(problem(404, 'not_found'));
    }),
  );
  return urls;
}

beforeEach(() => api.session.setTokens(tokenPair('access-1')));
afterEach(() => {
  cleanup();
  api.session.clear(null);
});

describe('Audit page', () => {
  it('lists events, expands a row to its before and after, and loads more', async () => {
    const urls = serve({ valid: true, events_checked: 7, head_sequence: 7, broken_at: null });
    renderApp('/audit');
    const table = await screen.findByRole('table', { name: 'Log audit' });
    // The action by its name, and by its code for those who search for it.
    const row = (await within(table).findByText('Data pengguna diubah')).closest('tr')!;
    expect(within(row).getByText('user.updated')).toBeInTheDocument();
    expect(within(row).getByText(formatInstant(event.occurred_at))).toBeInTheDocument();
    expect(within(row).getByText('oki.admin')).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(within(row).getByRole('button', { name: 'Tampilkan rincian peristiwa 7' }));
    expect(screen.getByLabelText('Sebelum')).toHaveTextContent('"full_name": "Lama"');
    expect(screen.getByLabelText('Sesudah')).toHaveTextContent('"full_name": "Baru"');

    await user.click(screen.getByRole('button', { name: 'Muat lebih banyak' }));
    expect(await within(table).findByText('Pengguna ditambahkan')).toBeInTheDocument();
    expect(urls.some((u) => u.includes('cursor=next'))).toBe(true);
    expect(screen.queryByRole('button', { name: 'Muat lebih banyak' })).not.toBeInTheDocument();
  });

  it('reports a valid chain', async () => {
    serve({ valid: true, events_checked: 7, head_sequence: 7, broken_at: null });
    renderApp('/audit');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Periksa rantai' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Rantai audit utuh: 7 peristiwa diperiksa sampai nomor 7.');
  });

  it('reports where a chain is broken', async () => {
    serve({ valid: false, events_checked: 4, head_sequence: 7, broken_at: { sequence: 4, event_id: null, reason: 'content_altered' } });
    renderApp('/audit');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Periksa rantai' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Rantai audit rusak pada peristiwa nomor 4. Isi peristiwa telah diubah setelah dicatat.');
  });
});

describe('Audit log filters in the address', () => {
  it('sends the filters of an opened address, with the picked days as Jakarta day bounds', async () => {
    const urls = serve({ valid: true, events_checked: 7, head_sequence: 7, broken_at: null });
    renderApp('/audit?action=user.updated&entity_type=user&from=2025-03-02&to=2025-03-02');
    await screen.findByRole('table', { name: 'Log audit' });
    expect(screen.getByRole('combobox', { name: 'Aksi' })).toHaveValue('Data pengguna diubah');
    expect(screen.getByRole('combobox', { name: 'Jenis entitas' })).toHaveValue('Pengguna');
    expect(screen.getByLabelText('Dari tanggal')).toHaveValue('2025-03-02');
    const list = new URL(urls.find((u) => u.includes('/api/v1/audit-events?'))!);
    expect(list.searchParams.get('action')).toBe('user.updated');
    expect(list.searchParams.get('entity_type')).toBe('user');
    expect(list.searchParams.get('from')).toBe('2025-03-01T17:00:00.000Z');
    expect(list.searchParams.get('to')).toBe('2025-03-02T16:59:59.999Z');
  });

  it('offers every audit action by name, found by name or code, and puts the pick into the address', async () => {
    serve({ valid: true, events_checked: 7, head_sequence: 7, broken_at: null });
    const app = renderApp('/audit');
    await screen.findByRole('table', { name: 'Log audit' });
    const user = userEvent.setup();
    const action = screen.getByRole('combobox', { name: 'Aksi' });
    await user.click(action);
    // Mantine's dropdown stays display:none in jsdom (no transitions end there), so it counts as hidden.
    const options = () => within(screen.getByRole('listbox', { name: 'Aksi', hidden: true })).getAllByRole('option', { hidden: true });
    await waitFor(() => {
      expect(options()).toHaveLength(auditActionValues.length);
    });
    await user.type(action, 'password_reset');
    await waitFor(() => {
      expect(options().map((option) => option.textContent)).toEqual(['Kata sandi pengguna diatur ulanguser.password_reset']);
    });
    const option = options()[0]!;
    await user.click(option);
    await waitFor(() => {
      expect(app.address()).toBe('/audit?action=user.password_reset');
    });
  });

  it('leaves out an action or entity type the API would refuse', async () => {
    const urls = serve({ valid: true, events_checked: 7, head_sequence: 7, broken_at: null });
    renderApp('/audit?action=user.deleted&entity_type=spaceship');
    await screen.findByRole('table', { name: 'Log audit' });
    const list = new URL(urls.find((u) => u.includes('/api/v1/audit-events?'))!);
    expect(list.searchParams.has('action')).toBe(false);
    expect(list.searchParams.has('entity_type')).toBe(false);
  });

  it('puts a picked day into the address and removes it when cleared', async () => {
    serve({ valid: true, events_checked: 7, head_sequence: 7, broken_at: null });
    const app = renderApp('/audit');
    await screen.findByRole('table', { name: 'Log audit' });
    const from = screen.getByLabelText('Dari tanggal');
    fireEvent.change(from, { target: { value: '2025-03-02' } });
    await waitFor(() => {
      expect(app.address()).toBe('/audit?from=2025-03-02');
    });
    fireEvent.change(from, { target: { value: '' } });
    await waitFor(() => {
      expect(app.address()).toBe('/audit');
    });
  });
});
