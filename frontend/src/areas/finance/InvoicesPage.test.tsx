import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { jakartaToday, jakartaYear } from '../../format';
import { json, problem, tokenPair, type Seen } from '../../test/http';
import { accepted, auditor, billableOrders, company, financeServer, received, renderFinance, treasurer } from './fixtures';
import { pick } from '../../test/select';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const listed = (seen: Seen[]) =>
  seen.filter((request) => request.method === 'GET' && request.path === '/api/v1/invoices').map((request) => new URLSearchParams(request.search));
const recorded = (seen: Seen[]) => seen.filter((request) => request.method === 'POST' && request.path === '/api/v1/invoices');

describe('The invoices', () => {
  it('list the year and state the address names, each linked to its page', async () => {
    const seen = financeServer({ who: auditor });
    const app = renderFinance('/finance?year=2026&state=received');
    const table = await screen.findByRole('table', { name: 'Tagihan Tahun Anggaran 2026' });
    const link = await within(table).findByRole('link', { name: received.number });
    expect(link).toHaveAttribute('href', `/finance/invoices/${received.id}`);
    const row = link.closest('tr')!;
    expect(row).toHaveTextContent('PT Kayuagung Media Utama');
    expect(row).toHaveTextContent('01/04/2026');
    expect(row).toHaveTextContent('Diterima');
    expect(row).toHaveTextContent('Rp 5.330.000');
    expect(row).toHaveTextContent('Belum ada BAST');
    expect(within(table).getByRole('link', { name: accepted.number }).closest('tr')).toHaveTextContent('0004/BAST/DISKOMINFO/IV/2026');
    const [query] = listed(seen);
    expect(query?.get('fiscal_year')).toBe('2026');
    expect(query?.get('state')).toBe('received');
    // An auditor records nothing.
    expect(screen.queryByRole('button', { name: 'Catat tagihan' })).not.toBeInTheDocument();

    const user = userEvent.setup();
    await pick(user, screen.getByRole('combobox', { name: 'Status' }), 'Lunas');
    await waitFor(() => {
      expect(listed(seen).at(-1)?.get('state')).toBe('paid');
    });
    expect(app.address()).toBe('/finance?year=2026&state=paid');
  });

  it('show the year in progress unless the address names another', async () => {
    const seen = financeServer({ who: auditor });
    renderFinance('/finance');
    await screen.findByRole('table', { name: `Tagihan Tahun Anggaran ${jakartaYear()}` });
    await waitFor(() => {
      expect(listed(seen)[0]?.get('fiscal_year')).toBe(String(jakartaYear()));
    });
    expect(listed(seen)[0]?.has('state')).toBe(false);
  });
});

describe('Recording an invoice', () => {
  async function fill(user: ReturnType<typeof userEvent.setup>, number: string) {
    await user.click(screen.getByRole('button', { name: 'Catat tagihan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Catat tagihan perusahaan' });
    await pick(user, await within(dialog).findByRole('combobox', { name: 'Perusahaan pers' }), company.legal_name);
    const first = await within(dialog).findByRole('checkbox', { name: `${billableOrders[0]!.number} — ${billableOrders[0]!.subject}` });
    expect(within(dialog).getByText('Kayuagung Terkini · 2 unit × Rp 1.500.000 = Rp 3.000.000')).toBeInTheDocument();
    await user.click(first);
    expect(within(dialog).getByRole('status')).toHaveTextContent('1 pesanan dipilih, senilai Rp 3.000.000 sebelum PPN.');
    expect(within(dialog).getByText('Perusahaan PKP sejak 01/01/2024: PPN dikenakan.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/Nomor tagihan/), number);
    return dialog;
  }

  it('bills the company\'s verified orders, sends the same Idempotency-Key when retried, and a new one for the next invoice', async () => {
    let attempts = 0;
    const seen = financeServer({
      who: treasurer,
      handle: (request) => {
        if (request.method !== 'POST') return undefined;
        attempts += 1;
        if (attempts === 1) throw new TypeError('Failed to fetch');
        const body = request.body as { number: string };
        return json(201, { ...received, number: body.number });
      },
    });
    const app = renderFinance('/finance');
    await screen.findByRole('table');
    const user = userEvent.setup();
    const dialog = await fill(user, 'INV/KMU/2026/031');
    await user.click(within(dialog).getByRole('button', { name: 'Catat tagihan' }));
    expect(await within(dialog).findByText('Tidak dapat menghubungi server. Periksa koneksi Anda.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Catat tagihan' }));
    expect(await screen.findByText('Tagihan INV/KMU/2026/031 dari PT Kayuagung Media Utama telah dicatat.')).toBeInTheDocument();
    await waitFor(() => {
      expect(app.address()).toBe(`/finance/invoices/${received.id}`);
    });
    const [first, retry] = recorded(seen);
    expect(first?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(retry?.headers.get('Idempotency-Key')).toBe(first?.headers.get('Idempotency-Key'));
    expect(retry?.body).toEqual({ company_id: company.id, order_ids: [billableOrders[0]!.id], number: 'INV/KMU/2026/031', invoice_date: jakartaToday() });

    // The next invoice is another submission.
    await user.click(await screen.findByRole('link', { name: 'Kembali ke daftar tagihan' }));
    await screen.findByRole('table', { name: /^Tagihan Tahun Anggaran/ });
    const next = await fill(user, 'INV/KMU/2026/032');
    await user.click(within(next).getByRole('button', { name: 'Catat tagihan' }));
    expect(await screen.findByText('Tagihan INV/KMU/2026/032 dari PT Kayuagung Media Utama telah dicatat.')).toBeInTheDocument();
    const third = recorded(seen)[2];
    expect(third?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(third?.headers.get('Idempotency-Key')).not.toBe(first?.headers.get('Idempotency-Key'));
  });

  it('asks for an order and puts a number the company already used on its field', async () => {
    const seen = financeServer({ who: treasurer, handle: (request) => (request.method === 'POST' ? problem(409, 'invoice_number_taken') : undefined) });
    renderFinance('/finance');
    await screen.findByRole('table');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Catat tagihan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Catat tagihan perusahaan' });
    await user.click(within(dialog).getByRole('button', { name: 'Catat tagihan' }));
    expect(await within(dialog).findByText('Pilih perusahaan yang menagih.')).toBeInTheDocument();
    expect(recorded(seen)).toEqual([]);

    await pick(user, within(dialog).getByRole('combobox', { name: 'Perusahaan pers' }), company.legal_name);
    await within(dialog).findByRole('checkbox', { name: new RegExp(billableOrders[1]!.number) });
    await user.type(within(dialog).getByLabelText(/Nomor tagihan/), 'INV/KMU/2026/027');
    await user.click(within(dialog).getByRole('button', { name: 'Catat tagihan' }));
    expect(await within(dialog).findByText('Pilih paling sedikit satu pesanan.')).toBeInTheDocument();
    expect(recorded(seen)).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Pilih semua' }));
    await user.click(within(dialog).getByRole('button', { name: 'Catat tagihan' }));
    const number = within(dialog).getByLabelText(/Nomor tagihan/);
    await waitFor(() => {
      expect(number).toHaveAccessibleDescription(expect.stringContaining('Perusahaan sudah mengirim tagihan dengan nomor ini.'));
    });
    expect(number).toHaveAttribute('aria-invalid', 'true');
    expect(recorded(seen)[0]?.body).toMatchObject({ order_ids: billableOrders.map((order) => order.id) });
  });
});
