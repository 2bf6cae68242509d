import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { jakartaToday } from '../../format';
import { json, problem, tokenPair, type Seen } from '../../test/http';
import { accepted, auditor, financeServer, officer, paid, received, renderFinance, rp, treasurer, unverifiedAccount, verifiedAccount } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const pageOf = (id: string) => `/finance/invoices/${id}`;
const posted = (seen: Seen[], path: string) => seen.filter((request) => request.method === 'POST' && request.path === path);

async function opened(number: string) {
  expect(await screen.findByRole('heading', { level: 1, name: `Tagihan ${number}` })).toBeInTheDocument();
}

/** A fact by its label: the value shown below it. */
function fact(within_: HTMLElement, label: string): string | null {
  return within(within_).getByText(label, { selector: 'p, div' }).nextElementSibling?.textContent ?? null;
}

describe('An invoice', () => {
  it('shows its company, number, date, VAT and stamp duty, each order billed at its verified quantity, and its totals', async () => {
    financeServer({ who: auditor });
    renderFinance(pageOf(received.id));
    await opened(received.number);
    const main = document.body;
    expect(fact(main, 'Perusahaan pers')).toBe('PT Kayuagung Media Utama');
    expect(fact(main, 'Tanggal tagihan')).toBe('01/04/2026');
    expect(fact(main, 'PKP pada tanggal tagihan')).toBe('Ya');
    expect(fact(main, 'Bea meterai')).toBe('Di atas batas: dokumen bermeterai');

    const table = screen.getByRole('table', { name: 'Rincian tagihan' });
    const [head, body, foot] = within(table).getAllByRole('rowgroup');
    expect(within(head!).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual([
      'Pesanan',
      'Jumlah terverifikasi',
      'Harga satuan',
      'Nilai',
      'DPP',
      'PPN',
      'Bruto',
    ]);
    const row = (tr: HTMLElement) => [within(tr).getByRole('rowheader'), ...within(tr).getAllByRole('cell')].map((cell) => cell.textContent);
    expect(within(body!).getAllByRole('row').map(row)).toEqual([
      ['0003/SP/DISKOMINFO/III/2026', '2', rp('1.500.000'), rp('3.000.000'), rp('3.000.000'), rp('330.000'), rp('3.330.000')],
      ['0007/SP/DISKOMINFO/III/2026Harga sudah termasuk PPN', '1', rp('2.000.000'), rp('2.000.000'), rp('1.801.802'), rp('198.198'), rp('2.000.000')],
    ]);
    expect(within(foot!).getAllByRole('row').map(row)).toEqual([['Jumlah', rp('5.000.000'), rp('4.801.802'), rp('528.198'), rp('5.330.000')]]);

    expect(within(screen.getByRole('region', { name: 'Berita acara serah terima (BAST)' })).getByText(/BAST belum ditandatangani/)).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Pembayaran' })).getByText('Tagihan dibayar setelah BAST ditandatangani.')).toBeInTheDocument();
    // An auditor reads and changes nothing.
    expect(screen.queryByRole('button', { name: 'Tandatangani BAST' })).not.toBeInTheDocument();
  });

  it('shows its acceptance and its payment as the server recorded them', async () => {
    financeServer({ who: auditor, invoices: [paid] });
    renderFinance(pageOf(paid.id));
    await opened(paid.number);
    const acceptance = screen.getByRole('region', { name: 'Berita acara serah terima (BAST)' });
    expect(fact(acceptance, 'Nomor BAST')).toBe('0004/BAST/DISKOMINFO/IV/2026');
    expect(fact(acceptance, 'Tanggal BAST')).toBe('03/04/2026');
    const payment = screen.getByRole('region', { name: 'Pembayaran' });
    expect(fact(payment, 'Nomor SP2D')).toBe('00123/SP2D/LS/1.03/2026');
    expect(fact(payment, 'Tanggal SP2D')).toBe('10/04/2026');
    expect(fact(payment, 'Bruto')).toBe(rp('5.330.000'));
    expect(fact(payment, 'PPh 23 (2%)')).toBe(rp('96.036'));
    expect(fact(payment, 'Neto ditransfer')).toBe(rp('5.233.964'));
    expect(fact(payment, 'Rekening tujuan')).toBe('BRI 012301000456307 a.n. PT Kayuagung Media Utama');
    expect(fact(payment, 'Nomor bukti potong PPh 23')).toBe('BP-23/2026/0042');
    expect(screen.queryByRole('button', { name: 'Bayar' })).not.toBeInTheDocument();
  });

  it('says an unknown invoice is not found', async () => {
    financeServer({ who: treasurer });
    renderFinance(pageOf('0190f7a0-0000-7000-8000-00000000dead'));
    expect(await screen.findByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeInTheDocument();
  });
});

describe('Signing the BAST', () => {
  it('sends the invoice\'s version as If-Match with an empty body, for those who accept work', async () => {
    // The server keeps what was signed: the page reads it again afterwards.
    let current = received;
    const seen = financeServer({
      who: officer,
      handle: (request) => {
        if (request.method === 'POST') {
          current = { ...received, state: 'accepted', acceptance_number: '0005/BAST/DISKOMINFO/IV/2026', accepted_on: '2026-04-05', version: 2 };
          return json(200, current);
        }
        return request.path === `/api/v1/invoices/${received.id}` ? json(200, current) : undefined;
      },
    });
    renderFinance(pageOf(received.id));
    await opened(received.number);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tandatangani BAST' }));
    const dialog = await screen.findByRole('dialog', { name: `Tandatangani BAST tagihan ${received.number}?` });
    await user.click(within(dialog).getByRole('button', { name: 'Tandatangani BAST' }));
    expect(await screen.findByText(`BAST 0005/BAST/DISKOMINFO/IV/2026 untuk tagihan ${received.number} telah ditandatangani.`)).toBeInTheDocument();
    const [accept] = posted(seen, `/api/v1/invoices/${received.id}/accept`);
    expect(accept?.headers.get('If-Match')).toBe('"1"');
    expect(accept?.body).toEqual({});
    expect(fact(screen.getByRole('region', { name: 'Berita acara serah terima (BAST)' }), 'Nomor BAST')).toBe('0005/BAST/DISKOMINFO/IV/2026');
  });

  it('is not offered to a treasurer', async () => {
    financeServer({ who: treasurer });
    renderFinance(pageOf(received.id));
    await opened(received.number);
    await screen.findByRole('table', { name: 'Rincian tagihan' });
    expect(screen.queryByRole('button', { name: 'Tandatangani BAST' })).not.toBeInTheDocument();
  });
});

describe('Paying an invoice', () => {
  async function openPay() {
    const user = userEvent.setup();
    await opened(accepted.number);
    await user.click(await screen.findByRole('button', { name: 'Bayar' }));
    return { user, dialog: await screen.findByRole('dialog', { name: `Bayar tagihan ${accepted.number}` }) };
  }

  it('offers only verified accounts, and says why the others cannot be paid into', async () => {
    financeServer({ who: treasurer });
    renderFinance(pageOf(accepted.id));
    const { dialog } = await openPay();
    const verified = await within(dialog).findByRole('radio', { name: 'BRI 012301000456307 a.n. PT Kayuagung Media Utama' });
    const unverified = within(dialog).getByRole('radio', { name: 'Bank Sumsel Babel 1509876543 a.n. Budi Santoso' });
    expect(verified).toBeEnabled();
    expect(unverified).toBeDisabled();
    expect(within(dialog).getByText(/Belum diverifikasi: belum diperiksa bahwa rekening ini atas nama PT Kayuagung Media Utama/)).toBeInTheDocument();
  });

  it('explains that a company without a verified account cannot be paid yet', async () => {
    financeServer({ who: treasurer, accounts: [unverifiedAccount] });
    renderFinance(pageOf(accepted.id));
    const { dialog } = await openPay();
    expect(await within(dialog).findByText('Tidak ada rekening terverifikasi')).toBeInTheDocument();
    expect(within(dialog).getByRole('link', { name: 'Buka rekening perusahaan di Registri Pers' })).toHaveAttribute(
      'href',
      `/registry/companies/${accepted.company_id}?tab=accounts`,
    );
  });

  it('shows the PPh 23 to expect, sends the same Idempotency-Key when retried after a lost answer, then shows the server\'s figures', async () => {
    let attempts = 0;
    const keys = ['0190f7a0-aaaa-4000-8000-000000000001', '0190f7a0-aaaa-4000-8000-000000000002', '0190f7a0-aaaa-4000-8000-000000000003'];
    vi.spyOn(crypto, 'randomUUID').mockImplementation(() => keys.shift() as `${string}-${string}-${string}-${string}-${string}`);
    // The server applied another rate than expected: what it recorded is what the page shows.
    const recorded = { ...paid, payment: { ...paid.payment!, pph23_bp: 400, pph23: { amount: '192072', currency: 'IDR' as const }, net: { amount: '5137928', currency: 'IDR' as const } } };
    let current = accepted;
    const seen = financeServer({
      who: treasurer,
      handle: (request) => {
        if (request.method !== 'POST') return request.path === `/api/v1/invoices/${accepted.id}` ? json(200, current) : undefined;
        attempts += 1;
        if (attempts === 1) throw new TypeError('Failed to fetch');
        current = recorded;
        return json(201, recorded);
      },
    });
    renderFinance(pageOf(accepted.id));
    const { user, dialog } = await openPay();
    const expected = await within(dialog).findByRole('table', { name: 'Perkiraan pembayaran' });
    await waitFor(() => {
      expect(within(expected).getByRole('rowheader', { name: 'PPh 23 (2%)' }).nextElementSibling).toHaveTextContent('Rp 96.036');
    });
    expect(within(expected).getByRole('rowheader', { name: 'Neto ditransfer' }).nextElementSibling).toHaveTextContent('Rp 5.233.964');

    await user.type(within(dialog).getByLabelText(/Nomor SP2D/), '00123/SP2D/LS/1.03/2026');
    await user.click(within(dialog).getByRole('radio', { name: /^BRI/ }));
    await user.type(within(dialog).getByLabelText(/Nomor bukti potong/), 'BP-23/2026/0042');
    await user.click(within(dialog).getByRole('button', { name: 'Catat pembayaran' }));
    expect(await within(dialog).findByText('Tidak dapat menghubungi server. Periksa koneksi Anda.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Catat pembayaran' }));
    expect(await screen.findByText(`Pembayaran tagihan ${accepted.number} telah dicatat: Rp 5.137.928 ditransfer ke BRI 012301000456307 a.n. PT Kayuagung Media Utama.`)).toBeInTheDocument();

    const payments = posted(seen, `/api/v1/invoices/${accepted.id}/payments`);
    expect(payments.map((request) => request.headers.get('Idempotency-Key'))).toEqual([
      '0190f7a0-aaaa-4000-8000-000000000001',
      '0190f7a0-aaaa-4000-8000-000000000001',
    ]);
    expect(payments[1]?.body).toEqual({
      sp2d_number: '00123/SP2D/LS/1.03/2026',
      sp2d_date: jakartaToday(),
      bank_account_id: verifiedAccount.id,
      withholding_slip_number: 'BP-23/2026/0042',
    });
    const payment = await screen.findByRole('region', { name: 'Pembayaran' });
    expect(fact(payment, 'PPh 23 (4%)')).toBe(rp('192.072'));
    expect(fact(payment, 'Neto ditransfer')).toBe(rp('5.137.928'));
    // The key was spent with the success: a next payment would get a new one.
    expect(keys).toEqual(['0190f7a0-aaaa-4000-8000-000000000003']);
  });

  it('sends a new key once the server refused for good, since the old one would only replay the refusal', async () => {
    let attempts = 0;
    const seen = financeServer({
      who: treasurer,
      handle: (request) => {
        if (request.method !== 'POST') return undefined;
        attempts += 1;
        return attempts === 1 ? problem(409, 'account_not_verified') : json(201, paid);
      },
    });
    renderFinance(pageOf(accepted.id));
    const { user, dialog } = await openPay();
    await user.type(within(dialog).getByLabelText(/Nomor SP2D/), '00123/SP2D/LS/1.03/2026');
    await user.click(await within(dialog).findByRole('radio', { name: /^BRI/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Catat pembayaran' }));
    expect(await within(dialog).findAllByText('Pembayaran hanya ke rekening yang sudah diverifikasi.')).not.toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Catat pembayaran' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    const [first, second] = posted(seen, `/api/v1/invoices/${accepted.id}/payments`).map((request) => request.headers.get('Idempotency-Key'));
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
  });

  it('is not offered to one who accepts the work', async () => {
    financeServer({ who: officer });
    renderFinance(pageOf(accepted.id));
    await opened(accepted.number);
    await screen.findByRole('table', { name: 'Rincian tagihan' });
    expect(screen.queryByRole('button', { name: 'Bayar' })).not.toBeInTheDocument();
  });
});
