import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { json, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { active, agreementsServer, auditor, draft, officer, rp } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const pageOf = (id: string) => `/agreements/${id}`;
const changes = (seen: Seen[]) => seen.filter((request) => request.method !== 'GET');

function stepButtons() {
  const group = screen.queryByRole('group', { name: 'Langkah berikutnya' });
  return group ? within(group).getAllByRole('button').map((button) => button.textContent) : [];
}

async function opened(number: string) {
  return screen.findByRole('heading', { level: 1, name: number });
}

describe('An agreement', () => {
  it('downloads its letter (PDF) with the access token, under its number', async () => {
    const letterPath = `/api/v1/agreements/${active.id}/letter.pdf`;
    const seen = agreementsServer({
      who: auditor,
      handle: (request) => (request.path === letterPath ? new Response('%PDF-1.5\n%%EOF\n', { status: 200, headers: { 'Content-Type': 'application/pdf' } }) : undefined),
    });
    const createObjectURL = vi.fn(() => 'blob:letter');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    renderApp(pageOf(active.id));
    await screen.findByRole('heading', { level: 1, name: active.number });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Unduh surat perjanjian (PDF)' }));
    await waitFor(() => {
      expect(createObjectURL).toHaveBeenCalled();
    });
    expect(seen.find((request) => request.path === letterPath)?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(saved).toEqual([`PKS-${active.number.replace(/\//g, '-')}.pdf`]);
    click.mockRestore();
  });

  it('shows its parties, figures, the budget line\'s remaining and its lines with how each price was agreed', async () => {
    agreementsServer({ who: auditor });
    renderApp(pageOf(active.id));
    await opened(active.number);
    const figures = screen.getByRole('table', { name: 'Nilai dan penggunaannya' });
    const figure = (name: string) => within(figures).getByRole('rowheader', { name }).closest('tr')!.querySelector('td')!.textContent;
    expect(figure('Nilai perjanjian')).toBe(rp('16.800.000'));
    expect(figure('Dicadangkan pada mata anggaran')).toBe(rp('16.800.000'));
    expect(figure('Terikat pesanan')).toBe(rp('2.800.000'));
    expect(figure('Sisa yang dapat dipesan')).toBe(rp('14.000.000'));
    expect(figure('Sisa pagu mata anggaran')).toBe(rp('137.500.000'));

    const lines = screen.getByRole('table', { name: 'Produk yang dibeli' });
    const row = (await within(lines).findByRole('rowheader', { name: /^Advertorial/ })).closest('tr')!;
    expect(within(row).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      '12',
      '2',
      '10',
      rp('1.500.000'),
      rp('1.450.000'),
      rp('1.400.000'),
      rp('1.500.000'),
      'Perbup OKI No. 12 Tahun 2025, Lampiran II',
      'Turun Rp 100.000 per tayang setelah negosiasi',
    ]);
    await waitFor(() => {
      expect(within(row).getByRole('rowheader')).toHaveTextContent('per tayang · termasuk PPN');
    });
    // An auditor reads, and changes nothing.
    expect(stepButtons()).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Adendum' })).not.toBeInTheDocument();
  });

  it('offers the steps its state allows, as the server lists them', async () => {
    agreementsServer({ who: officer });
    renderApp(pageOf(draft.id));
    await opened(draft.number);
    expect(stepButtons()).toEqual(['Tandatangani (aktifkan)']);
    expect(screen.getByRole('button', { name: 'Ubah draf' })).toBeInTheDocument();
    cleanup();

    agreementsServer({ who: officer });
    renderApp(pageOf(active.id));
    await opened(active.number);
    // Not past its end date: expiring it is not among the steps.
    expect(stepButtons()).toEqual(['Selesaikan', 'Akhiri']);
    expect(screen.getByRole('button', { name: 'Adendum' })).toBeInTheDocument();
    cleanup();

    agreementsServer({ who: officer, agreements: [{ ...active, next_steps: ['complete', 'terminate', 'expire'] }] });
    renderApp(pageOf(active.id));
    await opened(active.number);
    expect(stepButtons()).toEqual(['Selesaikan', 'Akhiri', 'Nyatakan kedaluwarsa']);
  });

  it('is signed with If-Match, after saying whether the budget line has room', async () => {
    const seen = agreementsServer({
      who: officer,
      handle: (request) => (request.method === 'POST' ? json(200, { ...draft, state: 'active', next_steps: ['complete', 'terminate'], version: 2 }) : undefined),
    });
    renderApp(pageOf(draft.id));
    await opened(draft.number);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tandatangani (aktifkan)' }));
    const dialog = await screen.findByRole('dialog', { name: `Tandatangani perjanjian ${draft.number}?` });
    expect(within(dialog).getByRole('status')).toHaveTextContent('Pagu mata anggaran cukup');
    expect(within(dialog).getByRole('status')).toHaveTextContent('Penandatanganan mencadangkan Rp 16.800.000 pada DISKOMINFO · 5.1.02.01.01.0025, yang belum dicadangkan Rp 100.000.000.');
    await user.click(within(dialog).getByRole('button', { name: 'Tandatangani (aktifkan)' }));
    expect(await screen.findByText(`Perjanjian ${draft.number} telah ditandatangani dan aktif.`)).toBeInTheDocument();
    const [signed] = changes(seen);
    expect(signed?.path).toBe(`/api/v1/agreements/${draft.id}/activate`);
    expect(signed?.headers.get('If-Match')).toBe('"1"');
    expect(signed?.body).toEqual({ reason: null });
    // What the page shows is read again: the budget line's figures moved too.
    await waitFor(() => {
      expect(seen.filter((request) => request.method === 'GET' && request.path === `/api/v1/agreements/${draft.id}`).length).toBeGreaterThan(1);
    });
  });

  it('says why signing was refused when the budget line has no room', async () => {
    agreementsServer({ who: officer, handle: (request) => (request.method === 'POST' ? problem(409, 'budget_line_fully_allocated') : undefined) });
    renderApp(pageOf(draft.id));
    await opened(draft.number);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tandatangani (aktifkan)' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Tandatangani (aktifkan)' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Sisa pagu mata anggaran yang belum dialokasikan tidak cukup untuk nilai perjanjian.');
  });

  it('is terminated only with a ground and a reason', async () => {
    const seen = agreementsServer({
      who: officer,
      handle: (request) =>
        request.method === 'POST' ? json(200, { ...active, state: 'terminated', ground: 'breach', last_reason: 'Tidak tayang tiga kali', next_steps: [], version: 6 }) : undefined,
    });
    renderApp(pageOf(active.id));
    await opened(active.number);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Akhiri' }));
    const dialog = await screen.findByRole('dialog', { name: `Akhiri perjanjian ${active.number} sebelum waktunya?` });
    await user.click(within(dialog).getByRole('button', { name: 'Akhiri' }));
    expect(await within(dialog).findByText('Pilih dasar pengakhirannya.')).toBeInTheDocument();
    expect(within(dialog).getByText('Tuliskan alasan pengakhirannya.')).toBeInTheDocument();
    expect(changes(seen)).toEqual([]);

    await user.click(within(dialog).getByRole('combobox', { name: /^Dasar pengakhiran/ }));
    await user.click(await screen.findByRole('option', { name: 'Wanprestasi', hidden: true }));
    await user.type(within(dialog).getByLabelText(/^Alasan pengakhiran/), 'Tidak tayang tiga kali');
    await user.click(within(dialog).getByRole('button', { name: 'Akhiri' }));
    expect(await screen.findByText(`Perjanjian ${active.number} telah diakhiri.`)).toBeInTheDocument();
    const [terminated] = changes(seen);
    expect(terminated?.path).toBe(`/api/v1/agreements/${active.id}/terminate`);
    expect(terminated?.headers.get('If-Match')).toBe('"5"');
    expect(terminated?.body).toEqual({ ground: 'breach', reason: 'Tidak tayang tiga kali' });
  });

  it('is amended with its grounds and If-Match, keeping its lines\' negotiation', async () => {
    const seen = agreementsServer({ who: officer, handle: (request) => (request.method === 'POST' ? json(200, { ...active, version: 6, amendments: 2 }) : undefined) });
    renderApp(pageOf(active.id));
    await opened(active.number);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Adendum' }));
    const form = await screen.findByRole('form', { name: `Adendum perjanjian ${active.number}` });
    const quota = within(form).getByRole('textbox', { name: 'Kuota Advertorial' });
    expect(quota).toHaveValue('12');
    await user.clear(quota);
    await user.type(quota, '15');
    // The ceiling equalled the lines' value, so it follows them: 15 × Rp 1.400.000.
    await waitFor(() => {
      expect(within(form).getByLabelText(/^Nilai perjanjian/)).toHaveValue('21.000.000');
    });
    await user.type(within(form).getByLabelText(/^Dasar adendum/), 'Adendum II: tambahan tiga tayang');
    await user.click(within(form).getByRole('button', { name: 'Simpan adendum' }));
    expect(await screen.findByText(`Adendum perjanjian ${active.number} telah disimpan.`)).toBeInTheDocument();
    const [amended] = changes(seen);
    expect(amended?.path).toBe(`/api/v1/agreements/${active.id}/amendments`);
    expect(amended?.headers.get('If-Match')).toBe('"5"');
    expect(amended?.body).toEqual({
      reason: 'Adendum II: tambahan tiga tayang',
      terms: {
        kind: 'partnership',
        title: active.title,
        external_order_id: null,
        budget_line_id: active.budget_line.id,
        starts_on: '2026-03-15',
        ends_on: '2026-12-31',
        ceiling: { amount: '21000000', currency: 'IDR' },
        lines: [
          {
            product: 'advertorial',
            quota: 15,
            offered_price: { amount: '1500000', currency: 'IDR' },
            reference_price: { amount: '1450000', currency: 'IDR' },
            agreed_price: { amount: '1400000', currency: 'IDR' },
            negotiation_note: 'Turun Rp 100.000 per tayang setelah negosiasi',
          },
        ],
      },
    });
  });

  it('has its draft\'s terms replaced with If-Match, the server\'s errors on the lines they name', async () => {
    const seen = agreementsServer({
      who: officer,
      handle: (request) =>
        request.method === 'PUT' ? problem(400, 'validation_failed', { errors: [{ field: 'lines[1].quota', code: 'out_of_range', message: 'too many' }] }) : undefined,
    });
    renderApp(pageOf(draft.id));
    await opened(draft.number);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Ubah draf' }));
    const form = await screen.findByRole('form', { name: `Ubah draf perjanjian ${draft.number}` });
    // The rate card's other products can be added: the banner is offered, not bought.
    const banner = within(form).getByRole('textbox', { name: 'Kuota Banner' });
    expect(within(form).getByRole('checkbox', { name: 'Beli Banner' })).not.toBeChecked();
    await user.type(banner, '99999');
    await user.click(within(form).getByRole('button', { name: 'Simpan' }));
    await waitFor(() => {
      expect(banner).toHaveAttribute('aria-invalid', 'true');
    });
    const [put] = changes(seen);
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe(`/api/v1/agreements/${draft.id}`);
    expect(put?.headers.get('If-Match')).toBe('"1"');
    expect((put?.body as { lines: { product: string; quota: number }[] }).lines.map(({ product, quota }) => [product, quota])).toEqual([
      ['advertorial', 12],
      ['banner', 99999],
    ]);
  });

  it('lists its amendments with what each changed', async () => {
    agreementsServer({ who: auditor });
    renderApp(pageOf(active.id));
    await opened(active.number);
    const table = await screen.findByRole('table', { name: 'Adendum' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('Adendum I: tambahan kuota advertorial');
    await waitFor(() => {
      expect(within(row).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
        `Nilai perjanjian: ${rp('14.000.000')} → ${rp('16.800.000')}`,
        'Berakhir: 30/11/2026 → 31/12/2026',
        'Kuota Advertorial: 10 → 12',
      ]);
    });
  });
});
