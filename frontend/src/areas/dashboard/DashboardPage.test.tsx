import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { jakartaYear } from '../../format';
import { me, tokenPair } from '../../test/http';
import { renderApp } from '../../test/render';
import { dashboardServer, FAIRNESS_PATH, head, LINES_PATH, OWED_PATH, REALISATION_PATH, requestsTo, rp } from './fixtures';
import { pick } from '../../test/select';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

/** Text as `getByText` compares it: its no-break spaces (as in "Rp 1.500.000") read as spaces. */
const plain = (text: string) => text.replaceAll('\u00a0', ' ');

/** The accessible names of the bars of a chart, in the order they are drawn. */
function barsOf(list: HTMLElement): (string | null)[] {
  return within(list)
    .getAllByRole('listitem')
    .map((item) => within(item).getByRole('img').getAttribute('aria-label'));
}

/** A table's body rows, each as its cells' text (the row's heading first). */
function bodyRows(table: HTMLElement): (string | null)[][] {
  const body = within(table).getAllByRole('rowgroup')[1]!;
  return within(body)
    .getAllByRole('row')
    .map((row) => [...within(row).queryAllByRole('rowheader'), ...within(row).queryAllByRole('cell')].map((cell) => cell.textContent));
}

/** Switches a card from its chart to the same figures as a table. */
async function showTable(user: ReturnType<typeof userEvent.setup>, card: HTMLElement) {
  await user.click(within(card).getByText('Tabel'));
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

describe('The dashboard', () => {
  it('shows what was paid in each of the twelve months, none where nothing was paid', async () => {
    const seen = dashboardServer();
    renderApp('/?year=2026');
    const card = await screen.findByRole('region', { name: 'Belanja per bulan' });
    const chart = await within(card).findByRole('list', { name: 'Realisasi setiap bulan' });
    const paid: Record<string, string> = { Maret: rp('4.330.000'), April: rp('5.670.000'), November: rp('1.500.000') };
    expect(barsOf(chart)).toEqual(MONTHS.map((month) => `${month} 2026: ${paid[month] ?? rp('0')}`));
    // The largest month is the whole height; the others are measured against it.
    expect(within(chart).getAllByRole('listitem').map((item) => item.querySelector('rect[data-realised]')?.getAttribute('height') ?? null)).toEqual([
      null, null, '7636', '10000', null, null, null, null, null, null, '2645', null,
    ]);
    expect(within(card).getByText(plain(`Realisasi setahun: ${rp('11.500.000')}`))).toBeInTheDocument();
    expect(requestsTo(seen, REALISATION_PATH).map((query) => Object.fromEntries(query))).toEqual(
      expect.arrayContaining([{ fiscal_year: '2026', by: 'month' }, { fiscal_year: '2026', by: 'outlet' }]),
    );

    const user = userEvent.setup();
    await showTable(user, card);
    const table = within(card).getByRole('table', { name: 'Belanja per bulan Tahun Anggaran 2026' });
    expect(bodyRows(table)).toHaveLength(12);
    expect(bodyRows(table)[3]).toEqual(['April 2026', rp('5.670.000')]);
    expect(bodyRows(table)[0]).toEqual(['Januari 2026', rp('0')]);
    const foot = within(table).getAllByRole('rowgroup')[2]!;
    expect(foot.textContent).toBe(`Jumlah${rp('11.500.000')}`);
  });

  it('shows the ten outlets paid most, largest first, and the rest as one', async () => {
    dashboardServer();
    renderApp('/?year=2026');
    const card = await screen.findByRole('region', { name: 'Belanja per media (10 terbesar)' });
    const chart = await within(card).findByRole('list', { name: 'Realisasi per media, dari yang terbesar' });
    const bars = barsOf(chart);
    expect(bars).toHaveLength(11);
    expect(bars.slice(0, 3)).toEqual([
      `Kayuagung Pos: ${rp('3.000.000')}, 26,08% dari jumlah realisasi`,
      `Radio Suara Komering 98,6 FM: ${rp('2.000.000')}, 17,39% dari jumlah realisasi`,
      `okionline.id: ${rp('1.500.000')}, 13,04% dari jumlah realisasi`,
    ]);
    // Put back in order: the server's slip does not show.
    expect(bars[7]).toBe(`Berita Pagi: ${rp('500.000')}, 4,34% dari jumlah realisasi`);
    expect(bars[8]).toBe(`Radio Swara Bumi Sriwijaya: ${rp('400.000')}, 3,47% dari jumlah realisasi`);
    expect(bars[10]).toBe(`Lainnya (2 media): ${rp('400.000')}, 3,47% dari jumlah realisasi`);
    expect(within(card).getByText(plain(`Realisasi setahun: ${rp('11.500.000')}, kepada 12 media`))).toBeInTheDocument();

    const user = userEvent.setup();
    await showTable(user, card);
    const table = within(card).getByRole('table', { name: 'Belanja per media Tahun Anggaran 2026' });
    expect(bodyRows(table).at(-1)).toEqual(['Lainnya (2 media)', rp('400.000'), '3,47%']);
  });

  it('shows what each tier of the rate card was paid, with its share and its outlets', async () => {
    const seen = dashboardServer();
    renderApp('/?year=2026');
    const card = await screen.findByRole('region', { name: 'Belanja per tingkat tarif' });
    const chart = await within(card).findByRole('list', { name: 'Realisasi per tingkat tarif, dari yang terbesar' });
    expect(barsOf(chart)).toEqual([
      `Tingkat A: ${rp('8.000.000')}, 69,57% dari jumlah realisasi, 3 media`,
      `Tingkat B: ${rp('3.500.000')}, 30,43% dari jumlah realisasi, 2 media`,
      `Tingkat C: ${rp('0')}, 0% dari jumlah realisasi, 1 media`,
    ]);
    expect(requestsTo(seen, FAIRNESS_PATH).map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2026', by: 'tier' }]);
  });

  it('shows what remains of each budget line, read from every page, and the year\'s headline figures', async () => {
    const seen = dashboardServer();
    renderApp('/?year=2026');
    const card = await screen.findByRole('region', { name: 'Sisa pagu per mata anggaran' });
    const chart = await within(card).findByRole('list', { name: 'Pagu setiap mata anggaran: terealisasi, terikat pesanan, dan sisa' });
    expect(barsOf(chart)).toEqual([
      `DISKOMINFO · 5.1.02.01.01.0025 Belanja Jasa Iklan/Reklame, Film, dan Pemotretan: terealisasi ${rp('62.500.000')}, terikat pesanan ${rp('50.000.000')}, sisa ${rp('137.500.000')} dari pagu ${rp('250.000.000')}`,
      `SETDA · 5.1.02.02.01.0026 Belanja Jasa Publikasi: terealisasi ${rp('56.000.000')}, terikat pesanan ${rp('20.000.000')}, sisa ${rp('4.000.000')} dari pagu ${rp('80.000.000')}`,
    ]);
    const [first] = within(chart).getAllByRole('listitem');
    expect([...first!.querySelectorAll('rect[data-part]')].map((rect) => [rect.getAttribute('data-part'), rect.getAttribute('width')])).toEqual([
      ['realised', '2500'],
      ['committed', '2000'],
      ['remaining', '5500'],
    ]);
    expect(within(chart).getByText('Hampir habis: sisa 5%')).toBeInTheDocument();
    expect(requestsTo(seen, LINES_PATH).map((query) => query.get('cursor'))).toEqual([null, 'page-2']);

    const figures = within(screen.getByRole('list', { name: 'Angka utama Tahun Anggaran 2026' })).getAllByRole('listitem');
    await waitFor(() => {
      expect(figures.map((figure) => figure.textContent)).toEqual([
        `Pagu${rp('330.000.000')}2 mata anggaran`,
        `Terealisasi (dibayar)${rp('118.500.000')}35,9% dari pagu`,
        `Terikat pesanan${rp('70.000.000')}21,21% dari pagu`,
        `Sisa pagu${rp('141.500.000')}42,87% dari pagu`,
        `Belum dibayar${rp('8.000.000')}5 pesanan, 3 terlambat`,
      ]);
    });

    const user = userEvent.setup();
    await showTable(user, card);
    const table = within(card).getByRole('table', { name: 'Sisa pagu per mata anggaran Tahun Anggaran 2026' });
    expect(bodyRows(table)).toEqual([
      ['DISKOMINFO · 5.1.02.01.01.0025Belanja Jasa Iklan/Reklame, Film, dan Pemotretan', rp('250.000.000'), rp('62.500.000'), rp('50.000.000'), rp('137.500.000')],
      ['SETDA · 5.1.02.02.01.0026Belanja Jasa Publikasi', rp('80.000.000'), rp('56.000.000'), rp('20.000.000'), rp('4.000.000')],
    ]);
  });

  it('counts and adds up what is owed by age, calling out what is late', async () => {
    const seen = dashboardServer();
    renderApp('/?year=2026');
    const card = await screen.findByRole('region', { name: 'Belum dibayar menurut umur' });
    const chart = await within(card).findByRole('list', { name: 'Yang belum dibayar menurut umur sejak tayang' });
    expect(barsOf(chart)).toEqual([
      `0–30 hari: 2 pesanan, ${rp('3.000.000')}`,
      `31–60 hari, terlambat: 1 pesanan, ${rp('1.500.000')}`,
      `61–90 hari, terlambat: 1 pesanan, ${rp('500.000')}`,
      `> 90 hari, terlambat: 1 pesanan, ${rp('3.000.000')}`,
    ]);
    expect(within(chart).getAllByRole('listitem').map((item) => item.hasAttribute('data-late'))).toEqual([false, true, true, true]);
    expect(within(card).getByText(plain(`Belum dibayar: ${rp('8.000.000')} (5 pesanan)`))).toBeInTheDocument();
    expect(within(card).getByText('Terlambat: belum dibayar lebih dari 30 hari sejak tayang')).toBeInTheDocument();
    expect(within(card).getByText(plain(`3 pesanan senilai ${rp('5.000.000')}. Yang tertua sudah 120 hari.`))).toBeInTheDocument();
    expect(requestsTo(seen, OWED_PATH).map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2026' }]);

    const user = userEvent.setup();
    await showTable(user, card);
    const table = within(card).getByRole('table', { name: 'Belum dibayar menurut umur Tahun Anggaran 2026' });
    expect(bodyRows(table)).toEqual([
      ['0–30 hari', '2', rp('3.000.000')],
      ['31–60 hari (Terlambat)', '1', rp('1.500.000')],
      ['61–90 hari (Terlambat)', '1', rp('500.000')],
      ['> 90 hari (Terlambat)', '1', rp('3.000.000')],
    ]);
  });

  it('shows only the cards the role may read, and asks for nothing else', async () => {
    const seen = dashboardServer({ who: { ...head, permissions: ['organisation.read', 'reports.read'] } });
    renderApp('/?year=2026');
    expect(await screen.findByRole('region', { name: 'Belanja per bulan' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Belanja per media (10 terbesar)' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Sisa pagu per mata anggaran' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Belum dibayar menurut umur' })).not.toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Angka utama Tahun Anggaran 2026' })).not.toBeInTheDocument();
    await within(screen.getByRole('region', { name: 'Belanja per bulan' })).findByRole('list', { name: 'Realisasi setiap bulan' });
    expect(requestsTo(seen, LINES_PATH)).toEqual([]);
    expect(requestsTo(seen, OWED_PATH)).toEqual([]);
    cleanup();

    const asked = dashboardServer({ who: { ...head, permissions: ['organisation.read', 'finance.read'] } });
    renderApp('/?year=2026');
    expect(await screen.findByRole('region', { name: 'Belum dibayar menurut umur' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Belanja per bulan' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Sisa pagu per mata anggaran' })).not.toBeInTheDocument();
    const figures = within(screen.getByRole('list', { name: 'Angka utama Tahun Anggaran 2026' })).getAllByRole('listitem');
    expect(figures).toHaveLength(1);
    expect(requestsTo(asked, REALISATION_PATH)).toEqual([]);
    expect(requestsTo(asked, LINES_PATH)).toEqual([]);
  });

  it('shows only the profile, without a year, to a role that may read none of it', async () => {
    const seen = dashboardServer({ who: me });
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Selamat datang, Admin OKI' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Profil Anda' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Peran' })).toHaveTextContent('Administrator');
    expect(screen.queryByRole('combobox', { name: 'Tahun anggaran' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Belanja per bulan' })).not.toBeInTheDocument();
    expect(seen.filter((request) => request.path !== '/api/v1/me')).toEqual([]);
  });

  it('says why a card could not be read, and shows the others', async () => {
    dashboardServer({ fail: [REALISATION_PATH, LINES_PATH] });
    renderApp('/?year=2026');
    const month = await screen.findByRole('region', { name: 'Belanja per bulan' });
    expect(await within(month).findByRole('alert')).toHaveTextContent('Terjadi kesalahan pada server');
    expect(within(month).getByRole('button', { name: 'Coba lagi' })).toBeInTheDocument();
    const budget = screen.getByRole('region', { name: 'Sisa pagu per mata anggaran' });
    expect(await within(budget).findByRole('alert')).toBeInTheDocument();
    const owed = screen.getByRole('region', { name: 'Belum dibayar menurut umur' });
    expect(await within(owed).findByRole('list', { name: 'Yang belum dibayar menurut umur sejak tayang' })).toBeInTheDocument();
    const figures = within(screen.getByRole('list', { name: 'Angka utama Tahun Anggaran 2026' })).getAllByRole('listitem');
    expect(figures[0]).toHaveTextContent('Tidak dapat dimuat');
  });

  it('says so when the year has nothing yet', async () => {
    dashboardServer({ empty: true });
    renderApp('/?year=2026');
    expect(await screen.findByText('Belum ada pembayaran pada Tahun Anggaran 2026.')).toBeInTheDocument();
    expect(await screen.findByText('Belum ada pembayaran kepada media pada Tahun Anggaran 2026.')).toBeInTheDocument();
    expect(await screen.findByText('Belum ada mata anggaran pada Tahun Anggaran 2026.')).toBeInTheDocument();
    expect(await screen.findByText('Tidak ada pekerjaan yang belum dibayar pada Tahun Anggaran 2026.')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('reads the year in progress by default, and keeps the year picked in the address', async () => {
    const seen = dashboardServer();
    const app = renderApp('/');
    const now = jakartaYear();
    await screen.findByRole('list', { name: `Angka utama Tahun Anggaran ${now}` });
    await waitFor(() => {
      expect(requestsTo(seen, OWED_PATH).map((query) => query.get('fiscal_year'))).toEqual([String(now)]);
    });
    const user = userEvent.setup();
    await pick(user, screen.getByRole('combobox', { name: 'Tahun anggaran' }), String(now - 1));

    const chart = await screen.findByRole('list', { name: 'Realisasi setiap bulan' });
    await waitFor(() => {
      expect(barsOf(chart)[3]).toBe(`April ${now - 1}: ${rp('5.670.000')}`);
    });
    expect(app.address()).toBe(`/?year=${now - 1}`);
    expect(requestsTo(seen, OWED_PATH).map((query) => query.get('fiscal_year'))).toEqual([String(now), String(now - 1)]);
    expect(requestsTo(seen, REALISATION_PATH).filter((query) => query.get('fiscal_year') === String(now - 1)).map((query) => query.get('by')).sort()).toEqual(['month', 'outlet']);
  });
});
