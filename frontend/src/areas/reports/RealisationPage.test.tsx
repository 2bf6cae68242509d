import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jakartaYear } from '../../format';
import { problem } from '../../test/http';
import { renderApp } from '../../test/render';
import { auditor, catchDownloads, pick, REPORT_PATH, reportRequests, reportServer, rowsOf, rp, signInEachTest } from './fixtures';

signInEachTest();

describe('The realisation report', () => {
  it('shows the rows largest first, in rupiah, with the total in the footer and each row\'s share', async () => {
    const seen = reportServer();
    renderApp('/reports?year=2026');
    const table = await screen.findByRole('table', { name: 'Realisasi anggaran Tahun Anggaran 2026 per Media' });
    expect(reportRequests(seen).map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2026', by: 'outlet' }]);

    expect(within(within(table).getAllByRole('rowgroup')[0]!).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual([
      'Media',
      'Pesanan',
      'Nilai (sebelum PPN)',
      'PPN',
      'Realisasi',
    ]);
    expect(rowsOf(table, 1)).toEqual([
      ['Kayuagung Pos', '3', rp('6.000.000'), rp('660.000'), rp('6.660.000')],
      ['Radio Suara Komering 98,6 FM', '1', rp('2.500.000'), rp('0'), rp('2.500.000')],
      ['okionline.id', '1', rp('840.000'), rp('0'), rp('840.000')],
    ]);
    expect(rowsOf(table, 2)).toEqual([['Jumlah', '5', rp('9.340.000'), rp('660.000'), rp('10.000.000')]]);

    const shares = within(screen.getByRole('list', { name: 'Bagian dari jumlah realisasi' })).getAllByRole('listitem');
    expect(shares.map((share) => within(share).getByRole('img').getAttribute('aria-label'))).toEqual([
      `Kayuagung Pos: 66,6% dari jumlah realisasi (${rp('6.660.000')})`,
      `Radio Suara Komering 98,6 FM: 25% dari jumlah realisasi (${rp('2.500.000')})`,
      `okionline.id: 8,4% dari jumlah realisasi (${rp('840.000')})`,
    ]);
    expect(shares.map((share) => share.querySelector('rect[data-share]')?.getAttribute('width'))).toEqual(['6660', '2500', '840']);
  });

  it('shows a budget line under its account code, and a month by its name', async () => {
    reportServer();
    renderApp('/reports?year=2026&by=budget_line');
    const lines = await screen.findByRole('table', { name: 'Realisasi anggaran Tahun Anggaran 2026 per Mata anggaran' });
    expect(rowsOf(lines, 1)[0]?.[0]).toBe('5.1.02.01.01.0025Belanja Jasa Iklan/Reklame, Film, dan Pemotretan');
    cleanup();

    renderApp('/reports?year=2026&by=month');
    const months = await screen.findByRole('table', { name: 'Realisasi anggaran Tahun Anggaran 2026 per Bulan' });
    expect(rowsOf(months, 1).map((row) => row[0])).toEqual(['April 2026', 'Maret 2026']);
  });

  it('asks for the dimension picked, and keeps it in the address', async () => {
    const seen = reportServer();
    const app = renderApp('/reports?year=2026');
    await screen.findByRole('table', { name: 'Realisasi anggaran Tahun Anggaran 2026 per Media' });
    const user = userEvent.setup();
    await pick(user, screen.getByRole('combobox', { name: 'Dijumlahkan per' }), 'Perusahaan pers');

    const table = await screen.findByRole('table', { name: 'Realisasi anggaran Tahun Anggaran 2026 per Perusahaan pers' });
    expect(rowsOf(table, 1).map((row) => row[0])).toEqual(['PT Kayuagung Media Utama', 'PT Radio Suara Komering']);
    expect(reportRequests(seen).at(-1)?.get('by')).toBe('company');
    expect(reportRequests(seen).at(-1)?.get('fiscal_year')).toBe('2026');
    expect(app.address()).toBe('/reports?year=2026&by=company');
  });

  it('reads the year in progress by default, and the unit the address names', async () => {
    const seen = reportServer();
    renderApp(`/reports?unit=${auditor.unit.id}`);
    await screen.findByRole('table', { name: `Realisasi anggaran Tahun Anggaran ${jakartaYear()} per Media` });
    expect(Object.fromEntries(reportRequests(seen)[0]!)).toEqual({ fiscal_year: String(jakartaYear()), by: 'outlet', unit_id: auditor.unit.id });
    await waitFor(() => {
      expect(screen.getByRole('combobox', { name: 'Unit kerja' })).toHaveValue('DISKOMINFO — Dinas Komunikasi dan Informatika');
    });
  });

  it('downloads the same report as CSV, named by its year and dimension', async () => {
    const seen = reportServer();
    const { blobs, names } = catchDownloads();
    renderApp('/reports?year=2025&by=company');
    await screen.findByRole('table', { name: 'Realisasi anggaran Tahun Anggaran 2025 per Perusahaan pers' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Unduh CSV' }));

    await waitFor(() => {
      expect(names).toEqual(['realisation-2025-company.csv']);
    });
    const csv = reportRequests(seen).filter((query) => query.get('format') === 'csv');
    expect(csv.map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2025', by: 'company', format: 'csv' }]);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.type).toContain('text/csv');
    expect(await blobs[0]!.text()).toContain('PT Kayuagung Media Utama,4,6840000,660000,7500000');
  });

  it('says why a download failed', async () => {
    reportServer({
      handle: (request) => (request.path === REPORT_PATH && request.search.includes('format=csv') ? problem(403, 'forbidden') : undefined),
    });
    renderApp('/reports?year=2026');
    await screen.findByRole('table', { name: 'Realisasi anggaran Tahun Anggaran 2026 per Media' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Unduh CSV' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Laporan CSV tidak dapat diunduh.');
  });

  it('says so when no payments match', async () => {
    reportServer({ empty: true });
    renderApp('/reports?year=2026&by=unit');
    expect(await screen.findByText('Tidak ada pembayaran pada Tahun Anggaran 2026 untuk pilihan ini.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Bagian dari jumlah realisasi' })).not.toBeInTheDocument();
  });
});
