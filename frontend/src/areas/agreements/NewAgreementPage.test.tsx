import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { json, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { agreementsServer, approved, auditor, budgetLine, draft, rp } from './fixtures';
import { pick } from '../../test/select';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const posted = (seen: Seen[]) => seen.filter((request) => request.method === 'POST' && request.path === '/api/v1/agreements');

/** The new agreement page with the approved application picked: its terms priced from the rate card. */
async function priced(handle: (request: Seen) => Response | undefined = () => undefined) {
  const seen = agreementsServer({ handle });
  const app = renderApp('/agreements/new?year=2026');
  const user = userEvent.setup();
  await pick(user, await screen.findByRole('combobox', { name: /^Pengajuan yang disetujui/ }), 'Berita Pedamaran — PT Pedamaran Media');
  const form = await screen.findByRole('form', { name: 'Ketentuan perjanjian baru' });
  return { seen, app, user, form };
}

const field = (form: HTMLElement, name: string) => within(form).getByRole('textbox', { name });

describe('A new agreement', () => {
  it('offers every product the rate card prices for the outlet\'s media type and tier, at its maximum', async () => {
    const { app, form } = await priced();
    await waitFor(() => {
      expect(app.address()).toBe(`/agreements/new?year=2026&application=${approved.id}`);
    });
    const table = within(form).getByRole('table', { name: 'Produk dan harga' });
    const rows = within(table).getAllByRole('row').slice(1);
    // Online, tier A: not tier B's advertorial, not the print advert.
    expect(rows.map((row) => within(row).getAllByRole('cell')[1]?.textContent.split('per')[0])).toEqual(['Advertorial', 'Banner']);
    // The rate card's maximum beside each line.
    expect(within(table).getByRole('columnheader', { name: 'Maks. standar harga' })).toBeInTheDocument();
    expect(rows.map((row) => within(row).getAllByRole('cell')[2]?.textContent)).toEqual([rp('1.500.000'), rp('750.000')]);
    for (const price of ['Harga penawaran', 'Harga perkiraan (HPS)', 'Harga sepakat']) {
      expect(field(form, `${price} Advertorial`)).toHaveValue('1.500.000');
      expect(field(form, `${price} Banner`)).toHaveValue('750.000');
    }
    expect(within(form).getByRole('checkbox', { name: 'Beli Advertorial' })).not.toBeChecked();
    expect(field(form, 'Judul')).toHaveValue('Kerja sama publikasi Berita Pedamaran Tahun Anggaran 2026');
    expect(screen.getByRole('table', { name: 'Pengajuan yang dipilih' })).toHaveTextContent('Golongan A');
  });

  it('is drafted with the quotas set and the prices negotiated, its ceiling following the lines', async () => {
    const { seen, app, user, form } = await priced((request) =>
      request.method === 'POST' && request.path === '/api/v1/agreements' ? json(201, draft, { ETag: '"1"' }) : undefined,
    );
    // Typing a quota buys the product.
    await user.type(field(form, 'Kuota Advertorial'), '12');
    expect(within(form).getByRole('checkbox', { name: 'Beli Advertorial' })).toBeChecked();
    const agreed = field(form, 'Harga sepakat Advertorial');
    await user.clear(agreed);
    await user.type(agreed, '1.400.000');
    await user.type(field(form, 'Catatan negosiasi Advertorial'), 'Turun setelah negosiasi');
    // 12 × Rp 1.400.000, computed exactly.
    await waitFor(() => {
      expect(within(form).getByLabelText(/^Nilai perjanjian/)).toHaveValue('16.800.000');
    });
    await pick(user, within(form).getByRole('combobox', { name: /^Mata anggaran/ }), /^DISKOMINFO · 5\.1\.02\.01\.01\.0025/);
    expect(within(form).getByText(/^Belum dicadangkan:/)).toHaveTextContent('Belum dicadangkan: Rp 100.000.000 · sisa pagu: Rp 137.500.000.');

    await user.click(within(form).getByRole('button', { name: 'Simpan sebagai draf' }));
    expect(await screen.findByText('Draf perjanjian 001/PKS/DISKOMINFO/III/2026 dengan PT Pedamaran Media telah dibuat.')).toBeInTheDocument();
    const [created] = posted(seen);
    expect(created?.body).toEqual({
      application_id: approved.id,
      terms: {
        kind: 'partnership',
        title: 'Kerja sama publikasi Berita Pedamaran Tahun Anggaran 2026',
        external_order_id: null,
        budget_line_id: budgetLine.id,
        starts_on: expect.stringMatching(/^2026-\d{2}-\d{2}$/) as string,
        ends_on: '2026-12-31',
        ceiling: { amount: '16800000', currency: 'IDR' },
        lines: [
          {
            product: 'advertorial',
            quota: 12,
            offered_price: { amount: '1500000', currency: 'IDR' },
            reference_price: { amount: '1500000', currency: 'IDR' },
            agreed_price: { amount: '1400000', currency: 'IDR' },
            negotiation_note: 'Turun setelah negosiasi',
          },
        ],
      },
    });
    await waitFor(() => {
      expect(app.address()).toBe(`/agreements/${draft.id}`);
    });
  });

  it('refuses an agreed price above the rate card or above the offer before sending', async () => {
    const { seen, user, form } = await priced();
    await user.type(field(form, 'Kuota Banner'), '3');
    const agreed = field(form, 'Harga sepakat Banner');
    await user.clear(agreed);
    await user.type(agreed, '800.000');
    const offered = field(form, 'Harga penawaran Banner');
    await user.clear(offered);
    await user.type(offered, '900.000');
    await user.click(within(form).getByRole('button', { name: 'Simpan sebagai draf' }));
    await waitFor(() => {
      expect(agreed).toHaveAccessibleDescription('Harga sepakat melebihi harga maksimum standar harga.');
    });

    await user.clear(agreed);
    await user.type(agreed, '700.000');
    await user.clear(offered);
    await user.type(offered, '650.000');
    await user.click(within(form).getByRole('button', { name: 'Simpan sebagai draf' }));
    await waitFor(() => {
      expect(agreed).toHaveAccessibleDescription('Harga sepakat tidak boleh melebihi harga penawaran.');
    });
    expect(posted(seen)).toEqual([]);
  });

  it('puts the server\'s field errors on the row each line was sent from', async () => {
    const { seen, user, form } = await priced((request) =>
      request.method === 'POST'
        ? problem(400, 'validation_failed', { errors: [{ field: 'terms.lines[0].agreed_price', code: 'out_of_range', message: 'above the rate card' }] })
        : undefined,
    );
    // Only the banner is bought: the server's lines[0] is the form's second row.
    await user.type(field(form, 'Kuota Banner'), '6');
    await pick(user, within(form).getByRole('combobox', { name: /^Mata anggaran/ }), /^DISKOMINFO/);
    await user.click(within(form).getByRole('button', { name: 'Simpan sebagai draf' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Data yang dikirim tidak valid. Periksa isian yang ditandai.');
    const banner = field(form, 'Harga sepakat Banner');
    await waitFor(() => {
      expect(banner).toHaveAttribute('aria-invalid', 'true');
    });
    expect(banner).toHaveAccessibleDescription('Nilai di luar rentang yang diizinkan.');
    expect(field(form, 'Harga sepakat Advertorial')).not.toHaveAttribute('aria-invalid', 'true');
    expect((posted(seen)[0]?.body as { terms: { lines: unknown[] } }).terms.lines).toHaveLength(1);
  });

  it('asks for at least one product', async () => {
    const { seen, user, form } = await priced();
    await pick(user, within(form).getByRole('combobox', { name: /^Mata anggaran/ }), /^DISKOMINFO/);
    const ceiling = within(form).getByLabelText(/^Nilai perjanjian/);
    await user.type(ceiling, '1.000.000');
    await user.click(within(form).getByRole('button', { name: 'Simpan sebagai draf' }));
    expect(await within(form).findByText('Pilih paling sedikit satu produk yang dibeli.')).toBeInTheDocument();
    expect(posted(seen)).toEqual([]);
  });

  it('is not for those who do not manage agreements', async () => {
    agreementsServer({ who: auditor });
    renderApp('/agreements/new?year=2026');
    expect(await screen.findByRole('heading', { name: 'Akses ditolak' })).toBeInTheDocument();
  });
});
