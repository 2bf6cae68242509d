import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { json, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { accepted, agreement, auditor, declined, issued, officer, ordersServer, paid, rp } from './fixtures';
import { pick } from '../../test/select';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

type User = ReturnType<typeof userEvent.setup>;

const listed = (seen: Seen[]) => seen.filter((request) => request.method === 'GET' && request.path === '/api/v1/orders');
const issuing = (seen: Seen[]) => seen.filter((request) => request.method === 'POST' && request.path === '/api/v1/orders');
const keyOf = (request: Seen | undefined) => request?.headers.get('Idempotency-Key');

/** The cards of a column of the board, by their order numbers. */
function column(name: RegExp) {
  const region = screen.getByRole('region', { name });
  return within(region).queryAllByRole('listitem').map((card) => card.getAttribute('aria-label'));
}

describe('The orders board', () => {
  it('puts each order in the column of its state, declined and cancelled ones folded away', async () => {
    const seen = ordersServer({ who: auditor });
    renderApp('/orders?year=2026');
    await screen.findByRole('region', { name: 'Diterbitkan (1)' });
    expect(new URLSearchParams(listed(seen)[0]?.search).get('fiscal_year')).toBe('2026');
    expect(column(/^Diterbitkan/)).toEqual([issued.number]);
    expect(column(/^Diterima/)).toEqual([accepted.number]);
    expect(column(/^Ditayangkan/)).toEqual([]);
    expect(column(/^Bukti terverifikasi/)).toEqual([]);
    expect(column(/^Ditagihkan/)).toEqual([]);
    expect(column(/^Dibayar/)).toEqual([paid.number]);
    // A rejected proof has its column only while an order waits in it.
    expect(screen.queryByRole('region', { name: /^Bukti ditolak/ })).not.toBeInTheDocument();
    const card = screen.getByRole('listitem', { name: issued.number });
    expect(within(card).getByRole('link', { name: issued.number })).toHaveAttribute('href', `/orders/${issued.id}`);
    expect(card).toHaveTextContent('Berita Pedamaran');
    expect(card).toHaveTextContent('Rp 2.800.000');
    await waitFor(() => {
      expect(card).toHaveTextContent('2 tayang Advertorial');
    });

    expect(screen.queryByRole('region', { name: /^Ditolak perusahaan/ })).not.toBeInTheDocument();
    const user = userEvent.setup();
    const toggle = screen.getByRole('button', { name: 'Tampilkan yang ditolak dan dibatalkan (1)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(column(/^Ditolak perusahaan/)).toEqual([declined.number]);
    expect(column(/^Dibatalkan/)).toEqual([]);
    // An auditor issues nothing.
    expect(screen.queryByRole('button', { name: 'Terbitkan pesanan' })).not.toBeInTheDocument();
  });

  it('is filtered by agreement in the address, and shows the same orders as a list', async () => {
    const seen = ordersServer({ who: auditor });
    const app = renderApp('/orders?year=2026');
    await screen.findByRole('region', { name: 'Diterbitkan (1)' });
    const user = userEvent.setup();
    await pick(user, screen.getByRole('combobox', { name: 'Perjanjian' }), `${agreement.number} — Berita Pedamaran`);
    await waitFor(() => {
      expect(app.address()).toBe(`/orders?year=2026&agreement=${agreement.id}`);
    });
    await waitFor(() => {
      expect(new URLSearchParams(listed(seen).at(-1)?.search).get('agreement_id')).toBe(agreement.id);
    });

    await user.click(screen.getByText('Daftar'));
    await waitFor(() => {
      expect(app.address()).toBe(`/orders?year=2026&agreement=${agreement.id}&view=list`);
    });
    const table = screen.getByRole('table', { name: 'Pesanan Tahun Anggaran 2026' });
    const row = within(table).getByRole('link', { name: declined.number }).closest('tr')!;
    expect(row).toHaveTextContent('Ditolak perusahaan');
    expect(row).toHaveTextContent('Publikasi Pekan Olahraga');
  });
});

describe('Issuing an order', () => {
  async function openDialog(user: User) {
    await user.click(await screen.findByRole('button', { name: 'Terbitkan pesanan' }));
    return screen.findByRole('dialog', { name: 'Terbitkan pesanan' });
  }

  async function fill(user: User, dialog: HTMLElement, quantity: string) {
    await pick(user, within(dialog).getByRole('combobox', { name: /^Perjanjian/ }), `${agreement.number} — Berita Pedamaran`);
    await pick(user, await within(dialog).findByRole('combobox', { name: /^Produk dari perjanjian/ }), /^Advertorial/);
    await user.type(within(dialog).getByLabelText(/^Jumlah/), quantity);
    await user.type(within(dialog).getByLabelText(/^Perihal/), 'Publikasi Hari Jadi Kabupaten OKI');
    await user.type(within(dialog).getByLabelText(/^Tayang paling lambat/), '2099-01-31');
  }

  it('shows what the agreement and its budget line have left before deciding', async () => {
    ordersServer();
    renderApp('/orders?year=2026');
    const user = userEvent.setup();
    const dialog = await openDialog(user);
    await pick(user, within(dialog).getByRole('combobox', { name: /^Perjanjian/ }), `${agreement.number} — Berita Pedamaran`);
    const line = await within(dialog).findByRole('combobox', { name: /^Produk dari perjanjian/ });
    await user.click(line);
    const options = within(document.getElementById(line.getAttribute('aria-controls') ?? '')!).getAllByRole('option', { hidden: true });
    expect(options.map((option) => option.textContent)).toEqual([
      `Advertorial — tersedia 10, ${rp('1.400.000')} per satuan`,
      `Banner — tersedia 0, ${rp('750.000')} per satuan`,
    ]);
    // Nothing is left of the banner's quota.
    expect(options[1]).toHaveAttribute('data-combobox-disabled', 'true');
    await user.click(options[0]!);
    const room = within(dialog).getByRole('region', { name: 'Sisa yang dapat dipesan' });
    expect(room).toHaveTextContent('Sisa perjanjianRp 14.000.000dari Rp 19.800.000');
    expect(room).toHaveTextContent('Sisa pagu DISKOMINFO · 5.1.02.01.01.0025Rp 137.500.000dari Rp 250.000.000');
    expect(room).toHaveTextContent('Tersedia pada baris ini10 tayang');
    expect(room).toHaveTextContent('Rp 1.400.000 per tayang');

    await user.type(within(dialog).getByLabelText(/^Jumlah/), '11');
    // 11 × Rp 1.400.000 is more than the line has units for, and more than the agreement has left.
    expect(within(room).getByRole('status')).toHaveTextContent('Nilai pesanan ini: Rp 15.400.000.');
    expect(within(room).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Melebihi 10 yang tersedia pada baris perjanjian.',
      `Melebihi sisa perjanjian, ${rp('14.000.000')}.`,
    ]);
  });

  it('sends the same Idempotency-Key when a failed attempt is retried, and a new one for the next order', async () => {
    let attempts = 0;
    const seen = ordersServer({
      handle: (request) => {
        if (request.method !== 'POST') return undefined;
        attempts += 1;
        // The first attempt never reaches the server, as far as the browser can tell.
        if (attempts === 1) throw new TypeError('Failed to fetch');
        return json(201, { ...issued, id: `0190f7a0-0000-7000-8000-00000000091${attempts}`, number: `000${attempts + 4}/SP/DISKOMINFO/III/2026` });
      },
    });
    renderApp('/orders?year=2026');
    const user = userEvent.setup();
    const dialog = await openDialog(user);
    await fill(user, dialog, '2');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Terbitkan pesanan lain setelah ini' }));
    await user.click(within(dialog).getByRole('button', { name: 'Terbitkan' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Tidak dapat menghubungi server. Periksa koneksi Anda.');

    // A second press after the failure is a retry of the same order.
    await user.click(within(dialog).getByRole('button', { name: 'Terbitkan' }));
    expect(await screen.findByText('Pesanan 0006/SP/DISKOMINFO/III/2026 untuk Berita Pedamaran telah diterbitkan.')).toBeInTheDocument();
    const [first, retry] = issuing(seen);
    expect(keyOf(first)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keyOf(retry)).toBe(keyOf(first));
    expect(retry?.body).toEqual({
      agreement_line_id: agreement.lines[0]?.id,
      quantity: 2,
      subject: 'Publikasi Hari Jadi Kabupaten OKI',
      instructions: null,
      due_from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as string,
      due_until: '2099-01-31',
    });

    // The next order, issued from the same form under the same line, is another request.
    const quantity = within(dialog).getByLabelText(/^Jumlah/);
    await waitFor(() => {
      expect(quantity).toHaveValue('');
    });
    expect(within(dialog).getByRole('combobox', { name: /^Produk dari perjanjian/ })).toHaveValue(`Advertorial — tersedia 10, ${rp('1.400.000')} per satuan`);
    await user.type(quantity, '1');
    await user.type(within(dialog).getByLabelText(/^Perihal/), 'Publikasi Festival Bidar');
    await user.type(within(dialog).getByLabelText(/^Tayang paling lambat/), '2099-02-28');
    await user.click(within(dialog).getByRole('button', { name: 'Terbitkan' }));
    expect(await screen.findByText('Pesanan 0007/SP/DISKOMINFO/III/2026 untuk Berita Pedamaran telah diterbitkan.')).toBeInTheDocument();
    const next = issuing(seen)[2];
    expect(keyOf(next)).toMatch(/^[0-9a-f-]{36}$/);
    expect(keyOf(next)).not.toBe(keyOf(first));
    expect((next?.body as { subject: string }).subject).toBe('Publikasi Festival Bidar');
  });

  it('closes once the order is issued, and opens again with a new key', async () => {
    const seen = ordersServer({ handle: (request) => (request.method === 'POST' ? json(201, issued) : undefined) });
    renderApp('/orders?year=2026');
    const user = userEvent.setup();
    let dialog = await openDialog(user);
    await fill(user, dialog, '2');
    await user.click(within(dialog).getByRole('button', { name: 'Terbitkan' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    dialog = await openDialog(user);
    await fill(user, dialog, '1');
    await user.click(within(dialog).getByRole('button', { name: 'Terbitkan' }));
    await waitFor(() => {
      expect(issuing(seen)).toHaveLength(2);
    });
    const [first, second] = issuing(seen);
    expect(keyOf(second)).not.toBe(keyOf(first));
  });

  it('names the content to publish, found in the content bank by its title', async () => {
    const release = {
      id: '0190f7a0-0000-7000-8000-000000000c01',
      kind: 'press_release',
      title: 'Hari Jadi Kabupaten OKI ke-79',
      body: 'Siaran pers.',
      released_on: '2026-03-01',
      created_at: '2026-02-20T02:00:00Z',
      created_by: null,
      updated_at: '2026-02-20T02:00:00Z',
      version: 1,
    };
    const other = { ...release, id: '0190f7a0-0000-7000-8000-000000000c02', title: 'Festival Bidar' };
    const seen = ordersServer({
      who: { ...officer, permissions: [...officer.permissions, 'content.read'] },
      handle: (request) => {
        if (request.method === 'POST') return json(201, { ...issued, content_item_id: release.id, content_title: release.title });
        if (request.path !== '/api/v1/content-items') return undefined;
        const q = new URLSearchParams(request.search).get('q');
        return json(200, { items: q === null ? [release, other] : [release, other].filter((item) => item.title.includes(q)), next_cursor: null });
      },
    });
    renderApp('/orders?year=2026');
    const user = userEvent.setup();
    const dialog = await openDialog(user);
    await fill(user, dialog, '2');
    const picker = within(dialog).getByRole('combobox', { name: 'Materi' });
    await user.type(picker, 'Hari Jadi');
    await waitFor(() => {
      expect(seen.some((request) => request.path === '/api/v1/content-items' && new URLSearchParams(request.search).get('q') === 'Hari Jadi')).toBe(true);
    });
    const list = document.getElementById(picker.getAttribute('aria-controls') ?? '')!;
    await waitFor(() => {
      expect(within(list).getAllByRole('option', { hidden: true }).map((option) => option.textContent)).toEqual([release.title]);
    });
    await user.click(within(list).getByRole('option', { name: release.title, hidden: true }));
    expect(picker).toHaveValue(release.title);
    await user.click(within(dialog).getByRole('button', { name: 'Terbitkan' }));
    await waitFor(() => {
      expect(issuing(seen)).toHaveLength(1);
    });
    expect(issuing(seen)[0]?.body).toEqual({
      agreement_line_id: agreement.lines[0]?.id,
      quantity: 2,
      subject: 'Publikasi Hari Jadi Kabupaten OKI',
      instructions: null,
      due_from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as string,
      due_until: '2099-01-31',
      content_item_id: release.id,
    });
    expect(keyOf(issuing(seen)[0])).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the key while the first attempt still runs, and makes a new one once the server refused the order', async () => {
    const answers = [problem(409, 'idempotency_key_in_use'), problem(409, 'budget_exceeded'), json(201, issued)];
    const seen = ordersServer({ handle: (request) => (request.method === 'POST' ? answers.shift() : undefined) });
    renderApp('/orders?year=2026');
    const user = userEvent.setup();
    const dialog = await openDialog(user);
    await fill(user, dialog, '9');
    await user.click(within(dialog).getByRole('button', { name: 'Terbitkan' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Permintaan pertama dengan kunci ini masih diproses; coba lagi sebentar.');
    await user.click(within(dialog).getByRole('button', { name: 'Terbitkan' }));
    const quantity = within(dialog).getByLabelText(/^Jumlah/);
    await waitFor(() => {
      expect(quantity).toHaveAttribute('aria-invalid', 'true');
    });
    expect(quantity).toHaveAccessibleDescription(expect.stringContaining('Pesanan akan melampaui pagu mata anggaran.') as string);
    // The refusal is kept with its key: the corrected order is another request, with a new key.
    await user.clear(quantity);
    await user.type(quantity, '3');
    await user.click(within(dialog).getByRole('button', { name: 'Terbitkan' }));
    expect(await screen.findByText(`Pesanan ${issued.number} untuk Berita Pedamaran telah diterbitkan.`)).toBeInTheDocument();
    const [running, refused, corrected] = issuing(seen);
    expect(keyOf(refused)).toBe(keyOf(running));
    expect(keyOf(corrected)).not.toBe(keyOf(refused));
    expect((corrected?.body as { quantity: number }).quantity).toBe(3);
  });
});
