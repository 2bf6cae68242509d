import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import i18n from '../../i18n';
import { problem } from '../../test/http';
import { renderApp } from '../../test/render';
import { OKI, PERSONAL, publicRequests, publicServer, rp } from './fixtures';
import { pick } from '../../test/select';

afterEach(async () => {
  cleanup();
  api.session.clear(null);
  await i18n.changeLanguage('id');
});

/** A table's rows in one of its row groups (1 the body), each as its cells' text. */
function rowsOf(table: HTMLElement, group: number): (string | null)[][] {
  const rowGroup = within(table).getAllByRole('rowgroup')[group];
  if (!rowGroup) throw new Error(`The table has no row group ${group}`);
  return within(rowGroup)
    .getAllByRole('row')
    .map((row) => [...within(row).queryAllByRole('rowheader'), ...within(row).queryAllByRole('cell')].map((cell) => cell.textContent));
}

/** A table's column headings. */
function headingsOf(table: HTMLElement): (string | null)[] {
  return within(within(table).getAllByRole('rowgroup')[0]!)
    .getAllByRole('columnheader')
    .map((cell) => cell.textContent);
}

describe('An organisation\'s public year', () => {
  it('says what the page is, and shows the year\'s totals, without a session', async () => {
    const seen = publicServer();
    renderApp('/public/oki/2026');
    expect(await screen.findByRole('heading', { level: 1, name: `Kemitraan media ${OKI.name} Tahun Anggaran 2026` })).toBeInTheDocument();
    expect(screen.getByText(/Halaman ini memuat kemitraan publikasi Pemerintah Kabupaten Ogan Komering Ilir dengan perusahaan pers/)).toHaveTextContent(
      'Semua nilai dalam rupiah, termasuk PPN. Tidak ada data pribadi yang diterbitkan',
    );
    const totals = within(screen.getByRole('list', { name: 'Ringkasan tahun ini' })).getAllByRole('listitem');
    expect(totals.map((figure) => [figure.getAttribute('aria-label'), figure.textContent])).toEqual([
      ['Perjanjian', 'Perjanjian3'],
      ['Perusahaan mitra', 'Perusahaan mitra3'],
      ['Media', 'Media3'],
      ['Jumlah pagu', `Jumlah pagu${rp('27.500.000')}`],
      ['Sudah dibayar', `Sudah dibayar${rp('10.000.000')}`],
    ]);
    // Read with no session: no token was sent, and the officers' way in is offered.
    expect(publicRequests(seen).sort()).toEqual(['/api/v1/public/organisations/oki', '/api/v1/public/organisations/oki/2026']);
    expect(seen.filter((request) => request.headers.has('Authorization'))).toEqual([]);
    expect(screen.getByRole('link', { name: 'Masuk (petugas)' })).toHaveAttribute('href', '/login');
    expect(screen.getByRole('banner')).toHaveTextContent(OKI.name);
  });

  it('shows the outlets largest paid first, with each one\'s share as a bar', async () => {
    publicServer();
    renderApp('/public/oki/2026');
    const table = await screen.findByRole('table', { name: 'Per media Tahun Anggaran 2026, yang dibayar terbesar lebih dulu' });
    expect(headingsOf(table)).toEqual(['Media', 'Perusahaan pers', 'Jenis media', 'Perjanjian', 'Pagu', 'Sudah dibayar', 'Bagian']);
    expect(rowsOf(table, 1)).toEqual([
      ['Kayuagung Pos', 'PT Kayuagung Media Utama', 'Media cetak', '1', rp('20.000.000'), rp('7.500.000'), '75%'],
      ['Radio Suara Komering 98,6 FM', 'PT Radio Suara Komering', 'Radio', '1', rp('2.500.000'), rp('2.500.000'), '25%'],
      ['okionline.id', 'PT Sriwijaya Siber Nusantara', 'Media siber', '1', rp('5.000.000'), rp('0'), '0%'],
    ]);
    const bars = within(table).getAllByRole('img');
    expect(bars.map((bar) => bar.getAttribute('aria-label'))).toEqual([
      'Kayuagung Pos: 75% dari seluruh pembayaran tahun ini',
      'Radio Suara Komering 98,6 FM: 25% dari seluruh pembayaran tahun ini',
      'okionline.id: 0% dari seluruh pembayaran tahun ini',
    ]);
    expect(bars.map((bar) => bar.querySelector('rect[data-share]')?.getAttribute('width') ?? null)).toEqual(['7500', '2500', null]);
  });

  it('lists the agreements and the partners, and nothing personal', async () => {
    publicServer();
    renderApp('/public/oki/2026');
    const table = await screen.findByRole('table', { name: 'Perjanjian Tahun Anggaran 2026' });
    expect(headingsOf(table)).toEqual(['Nomor', 'Perusahaan pers', 'Media', 'Tingkat tarif', 'Masa berlaku', 'Status', 'Pagu', 'Sudah dibayar']);
    expect(rowsOf(table, 1)).toEqual([
      ['001/PKS/DISKOMINFO/2026', 'PT Kayuagung Media Utama', 'Kayuagung PosMedia cetak', 'A', '15/01/2026 – 31/12/2026', 'Aktif', rp('20.000.000'), rp('7.500.000')],
      ['002/PKS/DISKOMINFO/2026', 'PT Radio Suara Komering', 'Radio Suara Komering 98,6 FMRadio', 'B', '15/01/2026 – 31/12/2026', 'Selesai', rp('2.500.000'), rp('2.500.000')],
      ['003/PKS/DISKOMINFO/2026', 'PT Sriwijaya Siber Nusantara', 'okionline.idMedia siber', 'B', '15/01/2026 – 31/12/2026', 'Aktif', rp('5.000.000'), rp('0')],
    ]);
    const partners = within(screen.getByRole('list', { name: 'Perusahaan mitra' })).getAllByRole('listitem');
    expect(partners.map((partner) => partner.textContent)).toEqual(['PT Kayuagung Media Utama', 'PT Radio Suara Komering', 'PT Sriwijaya Siber Nusantara']);

    // The answer carried personal fields it should not have: the page shows none of them.
    const page = document.body.textContent;
    for (const value of Object.values(PERSONAL)) expect(page).not.toContain(value);
  });

  it('picks another of the organisation\'s years, newest first', async () => {
    publicServer();
    const app = renderApp('/public/oki/2026');
    await screen.findByRole('table', { name: 'Perjanjian Tahun Anggaran 2026' });
    const user = userEvent.setup();
    const picker = screen.getByRole('combobox', { name: 'Tahun anggaran' });
    await user.click(picker);
    const list = await waitFor(() => {
      const found = document.getElementById(picker.getAttribute('aria-controls') ?? '');
      if (!found) throw new Error('The select has not opened its list');
      return found;
    });
    expect(within(list).getAllByRole('option', { hidden: true }).map((option) => option.textContent)).toEqual(['2026', '2025']);
    await user.keyboard('{Escape}');
    await pick(user, picker, '2025');

    const table = await screen.findByRole('table', { name: 'Perjanjian Tahun Anggaran 2025' });
    expect(app.address()).toBe('/public/oki/2025');
    expect(rowsOf(table, 1).map((row) => row[0])).toEqual(['007/PKS/DISKOMINFO/2025']);
  });

  it('says so when the organisation has no agreements in the year', async () => {
    publicServer();
    renderApp('/public/oki/2024');
    expect(await screen.findByText(`${OKI.name} belum memiliki perjanjian pada Tahun Anggaran 2024.`)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('is read in English after switching the language', async () => {
    publicServer();
    renderApp('/public/oki/2026');
    await screen.findByRole('table', { name: 'Perjanjian Tahun Anggaran 2026' });
    await userEvent.setup().click(screen.getByText('EN'));
    expect(await screen.findByRole('heading', { level: 1, name: `Media partnerships of ${OKI.name}, fiscal year 2026` })).toBeInTheDocument();
    expect(screen.getByText(/amounts are in rupiah, VAT included\. Nothing personal is published/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in (officers)' })).toHaveAttribute('href', '/login');
  });
});

describe('A public page that cannot be shown', () => {
  it('says an unknown organisation is not found', async () => {
    publicServer();
    renderApp('/public/nowhere/2026');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tidak ditemukan' })).toBeInTheDocument();
    expect(screen.getByText('Instansi atau tahun yang Anda cari tidak diterbitkan di sini.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Semua instansi' })).toHaveAttribute('href', '/public');
  });

  it('says a year the address mangles is not found, without asking', async () => {
    const seen = publicServer();
    renderApp('/public/oki/last-year');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tidak ditemukan' })).toBeInTheDocument();
    expect(publicRequests(seen)).toEqual([]);
  });

  it('says when to ask again after too many requests', async () => {
    publicServer({ handle: (request) => (request.path === '/api/v1/public/organisations/oki/2026' ? problem(429, 'too_many_requests', {}, { 'Retry-After': '30' }) : undefined) });
    renderApp('/public/oki/2026');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Terlalu banyak permintaan');
    expect(alert).toHaveTextContent('Halaman ini terlalu sering diminta. Coba lagi dalam 30 detik.');
    expect(screen.queryByText(/Server prose|Server detail/)).not.toBeInTheDocument();
  });

  it('says so in minutes for a long wait, and in English', async () => {
    await i18n.changeLanguage('en');
    publicServer({ handle: (request) => (request.path === '/api/v1/public/organisations' ? problem(429, 'too_many_requests', {}, { 'Retry-After': '600' }) : undefined) });
    renderApp('/public');
    expect(await screen.findByRole('alert')).toHaveTextContent('This page has been asked for too often. Try again in 10 minutes.');
  });
});
