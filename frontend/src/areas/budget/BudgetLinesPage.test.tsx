import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { jakartaYear } from '../../format';
import { json, me, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { advertising, budgetServer, officer, publications, rp, treasurer } from './fixtures';
import { pick } from '../../test/select';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const listed = (seen: Seen[]) => seen.filter((request) => request.method === 'GET' && request.path === '/api/v1/budget-lines');

/** The segments of a line's bar, by part: where each starts and how long it is, of 10000. */
function segments(bar: Element): Record<string, [string | null, string | null]> {
  const drawn: Record<string, [string | null, string | null]> = {};
  for (const rect of bar.querySelectorAll('rect[data-part]')) drawn[rect.getAttribute('data-part') ?? ''] = [rect.getAttribute('x'), rect.getAttribute('width')];
  return drawn;
}

describe('The budget lines', () => {
  it('list the year the address names, each line with what is left of it in rupiah', async () => {
    const seen = budgetServer({ who: officer });
    renderApp('/budget?year=2026');
    const table = await screen.findByRole('table', { name: 'Mata anggaran Tahun Anggaran 2026' });
    expect(new URLSearchParams(listed(seen)[0]?.search).get('fiscal_year')).toBe('2026');
    const link = await within(table).findByRole('link', { name: advertising.name });
    expect(link).toHaveAttribute('href', `/budget/${advertising.id}`);
    const row = link.closest('tr')!;
    const cells = within(row).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells).toEqual([
      'DISKOMINFODinas Komunikasi dan Informatika',
      '5.1.02.01.01.0025',
      'Belanja Jasa Iklan/Reklame, Film, dan PemotretanPagu direvisi 1 kali',
      rp('250.000.000'),
      rp('150.000.000'),
      rp('50.000.000'),
      rp('62.500.000'),
      `${rp('137.500.000')}55% dari pagu`,
    ]);
    // The year's totals, computed exactly from the amounts as sent.
    const totals = within(table).getByRole('rowheader', { name: 'Jumlah' }).closest('tr')!;
    expect(within(totals).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      rp('330.000.000'),
      rp('230.000.000'),
      rp('70.000.000'),
      rp('118.500.000'),
      rp('141.500.000'),
    ]);
    // An officer spends against the budget; only the treasurer adopts lines.
    expect(screen.queryByRole('button', { name: 'Tambah mata anggaran' })).not.toBeInTheDocument();
  });

  it('chart what remains of each line against its ceiling, with the same figures as a table', async () => {
    budgetServer({ who: officer });
    renderApp('/budget?year=2026');
    const chart = await screen.findByRole('region', { name: 'Sisa pagu per mata anggaran, Tahun Anggaran 2026' });
    const bar = within(chart).getByRole('img', {
      name: `DISKOMINFO · 5.1.02.01.01.0025: terealisasi ${rp('62.500.000')}, terikat pesanan ${rp('50.000.000')}, sisa ${rp('137.500.000')} dari pagu ${rp('250.000.000')}`,
    });
    // Paid first, then committed, then what remains: a quarter, a fifth, and 55% of the ceiling.
    expect(segments(bar)).toEqual({ realised: ['0', '2500'], committed: ['2500', '2000'], remaining: ['4500', '5500'] });
    const nearlySpent = within(chart).getByRole('img', { name: /^SETDA · 5\.1\.02\.02\.01\.0026:/ });
    expect(segments(nearlySpent)).toEqual({ realised: ['0', '7000'], committed: ['7000', '2500'], remaining: ['9500', '500'] });
    expect(within(chart).getByText('Hampir habis: 5% dari pagu')).toBeInTheDocument();
    expect(within(chart).getByRole('link', { name: 'SETDA · 5.1.02.02.01.0026' })).toHaveAttribute('href', `/budget/${publications.id}`);

    await userEvent.setup().click(within(chart).getByText('Tabel'));
    const table = within(chart).getByRole('table', { name: 'Sisa pagu per mata anggaran, Tahun Anggaran 2026, sebagai tabel' });
    const row = within(table).getByRole('rowheader', { name: 'SETDA · 5.1.02.02.01.0026' }).closest('tr')!;
    expect(within(row).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([rp('80.000.000'), rp('56.000.000'), rp('20.000.000'), rp('4.000.000'), '5%']);
    expect(within(chart).queryByRole('img')).not.toBeInTheDocument();
  });

  it('show the year in progress unless the address names another, filtered by unit in the address', async () => {
    const seen = budgetServer({ who: officer, lines: [] });
    const app = renderApp('/budget');
    await screen.findByRole('table', { name: `Mata anggaran Tahun Anggaran ${jakartaYear()}` });
    expect(new URLSearchParams(listed(seen)[0]?.search).get('fiscal_year')).toBe(String(jakartaYear()));
    expect(await screen.findByText('Tidak ada data.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /^Sisa pagu per mata anggaran/ })).not.toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: 'Unit kerja' }));
    await user.click(await screen.findByRole('option', { name: 'DISKOMINFO — Dinas Komunikasi dan Informatika', hidden: true }));
    await waitFor(() => {
      expect(app.address()).toBe(`/budget?unit=${me.unit.id}`);
    });
    await waitFor(() => {
      expect(new URLSearchParams(listed(seen).at(-1)?.search).get('unit_id')).toBe(me.unit.id);
    });
  });

  it('say why they could not be loaded', async () => {
    budgetServer({ who: officer, handle: (request) => (request.path === '/api/v1/budget-lines' ? problem(500, 'internal_error') : undefined) });
    renderApp('/budget?year=2026');
    expect(await screen.findByRole('alert')).toHaveTextContent('Terjadi kesalahan pada server. Coba lagi nanti.');
    expect(screen.getByRole('button', { name: 'Coba lagi' })).toBeInTheDocument();
  });
});

describe('Adopting a budget line', () => {
  async function fill(handle: (request: Seen) => Response | undefined) {
    const seen = budgetServer({ who: treasurer, handle });
    renderApp('/budget?year=2026');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tambah mata anggaran' }));
    const dialog = await screen.findByRole('dialog', { name: 'Tambah mata anggaran' });
    await pick(user, within(dialog).getByRole('combobox', { name: /^Unit kerja/ }), 'DISKOMINFO — Dinas Komunikasi dan Informatika');
    await user.type(within(dialog).getByLabelText(/^Kode rekening/), '5.1.02.01.01.0027');
    await user.type(within(dialog).getByLabelText(/^Uraian/), 'Belanja Jasa Siaran');
    return { seen, user, dialog };
  }

  it('is for treasurers, who type the ceiling as it is written', async () => {
    const { seen, user, dialog } = await fill((request) => (request.method === 'POST' ? json(201, { ...advertising, account_code: '5.1.02.01.01.0027' }) : undefined));
    const ceiling = within(dialog).getByLabelText(/^Pagu murni/);
    await user.type(ceiling, '1,5');
    await user.click(within(dialog).getByRole('button', { name: 'Tambahkan' }));
    expect(await within(dialog).findByText('Isi dengan rupiah utuh tanpa sen, mis. 1.500.000.')).toBeInTheDocument();
    expect(seen.filter((request) => request.method === 'POST')).toEqual([]);

    await user.clear(ceiling);
    await user.type(ceiling, 'Rp 75.000.000');
    await user.click(within(dialog).getByRole('button', { name: 'Tambahkan' }));
    expect(await screen.findByText('Mata anggaran 5.1.02.01.01.0027 Tahun Anggaran 2026 dengan pagu Rp 250.000.000 telah ditambahkan.')).toBeInTheDocument();
    expect(seen.find((request) => request.method === 'POST')?.body).toEqual({
      unit_id: me.unit.id,
      fiscal_year: 2026,
      account_code: '5.1.02.01.01.0027',
      name: 'Belanja Jasa Siaran',
      ceiling: { amount: '75000000', currency: 'IDR' },
    });
  });

  it('says on the account code that the unit already has it in the year', async () => {
    const { user, dialog } = await fill((request) => (request.method === 'POST' ? problem(409, 'budget_line_exists') : undefined));
    await user.type(within(dialog).getByLabelText(/^Pagu murni/), '75000000');
    await user.click(within(dialog).getByRole('button', { name: 'Tambahkan' }));
    const code = within(dialog).getByLabelText(/^Kode rekening/);
    await waitFor(() => {
      expect(code).toHaveAttribute('aria-invalid', 'true');
    });
    expect(code).toHaveAccessibleDescription(expect.stringContaining('Unit ini sudah memiliki mata anggaran dengan kode rekening tersebut') as string);
  });
});
