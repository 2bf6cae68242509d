import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { problem } from '../../test/http';
import { renderApp } from '../../test/render';
import { auditor, catchDownloads, DISCLOSURE_PATH, headingsOf, pick, reportRequests, reportServer, rowsOf, rp, signInEachTest } from './fixtures';

signInEachTest();

const BODY = 'Pemerintah Kabupaten Ogan Komering Ilir';
const UNIT = 'Dinas Komunikasi dan Informatika';

describe('The quarterly media disclosure', () => {
  it('shows the whole year\'s payments per quarter, unit, media owner and outlet, with the totals', async () => {
    const seen = reportServer();
    renderApp('/reports/disclosure?year=2026');
    const table = await screen.findByRole('table', { name: 'Keterbukaan belanja media Tahun Anggaran 2026' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Keterbukaan belanja media triwulanan');
    expect(reportRequests(seen, DISCLOSURE_PATH).map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2026' }]);

    expect(headingsOf(table)).toEqual(['Periode', 'Badan publik', 'Unit kerja', 'Pemilik media', 'Media', 'Jenis media', 'Nilai (termasuk PPN)']);
    expect(rowsOf(table, 1)).toEqual([
      ['2026-Q1', BODY, UNIT, 'PT Kayuagung Media Utama', 'Kayuagung Pos', 'Media cetak', rp('4.330.000')],
      ['2026-Q2', BODY, UNIT, 'PT Kayuagung Media Utama', 'Kayuagung Pos', 'Media cetak', rp('3.170.000')],
      ['2026-Q2', BODY, UNIT, 'PT Radio Suara Komering', 'Radio Suara Komering 98,6 FM', 'Radio', rp('2.500.000')],
    ]);
    expect(rowsOf(table, 2)).toEqual([['Jumlah (3 baris)', rp('10.000.000')]]);
  });

  it('offers no unit filter and never asks by unit, even when the address names one', async () => {
    const seen = reportServer();
    renderApp(`/reports/disclosure?year=2026&unit=${auditor.unit.id}`);
    await screen.findByRole('table', { name: 'Keterbukaan belanja media Tahun Anggaran 2026' });
    expect(screen.queryByRole('combobox', { name: 'Unit kerja' })).not.toBeInTheDocument();
    expect(reportRequests(seen, DISCLOSURE_PATH).map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2026' }]);
  });

  it('asks for the quarter picked, keeps it in the address, and back to the whole year', async () => {
    const seen = reportServer();
    const app = renderApp('/reports/disclosure?year=2026');
    await screen.findByRole('table', { name: 'Keterbukaan belanja media Tahun Anggaran 2026' });
    const user = userEvent.setup();
    await pick(user, screen.getByRole('combobox', { name: 'Triwulan' }), 'Triwulan 2');

    const table = await screen.findByRole('table', { name: 'Keterbukaan belanja media Triwulan 2 Tahun Anggaran 2026' });
    expect(app.address()).toBe('/reports/disclosure?year=2026&quarter=2');
    expect(Object.fromEntries(reportRequests(seen, DISCLOSURE_PATH).at(-1)!)).toEqual({ fiscal_year: '2026', quarter: '2' });
    expect(rowsOf(table, 1).map((row) => row[0])).toEqual(['2026-Q2', '2026-Q2']);
    expect(rowsOf(table, 2)).toEqual([['Jumlah (2 baris)', rp('5.670.000')]]);

    await pick(user, screen.getByRole('combobox', { name: 'Triwulan' }), 'Sepanjang tahun');
    await screen.findByRole('table', { name: 'Keterbukaan belanja media Tahun Anggaran 2026' });
    expect(app.address()).toBe('/reports/disclosure?year=2026');
  });

  it('reads the quarter from the address, and downloads the same quarter as CSV', async () => {
    const seen = reportServer();
    const { blobs, names } = catchDownloads();
    renderApp('/reports/disclosure?year=2026&quarter=1');
    await screen.findByRole('table', { name: 'Keterbukaan belanja media Triwulan 1 Tahun Anggaran 2026' });
    expect(screen.getByRole('combobox', { name: 'Triwulan' })).toHaveValue('Triwulan 1');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Unduh CSV' }));

    await waitFor(() => {
      expect(names).toEqual(['disclosure-2026-q1.csv']);
    });
    const csv = reportRequests(seen, DISCLOSURE_PATH).filter((query) => query.get('format') === 'csv');
    expect(csv.map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2026', quarter: '1', format: 'csv' }]);
    expect(await blobs[0]!.text()).toContain(`2026-Q1,${BODY},${UNIT},PT Kayuagung Media Utama,Kayuagung Pos,print,4330000`);
  });

  it('ignores a quarter it does not know', async () => {
    const seen = reportServer();
    renderApp('/reports/disclosure?year=2026&quarter=5');
    await screen.findByRole('table', { name: 'Keterbukaan belanja media Tahun Anggaran 2026' });
    expect(Object.fromEntries(reportRequests(seen, DISCLOSURE_PATH)[0]!)).toEqual({ fiscal_year: '2026' });
  });

  it('says why the report cannot be shown', async () => {
    reportServer({ handle: (request) => (request.path === DISCLOSURE_PATH ? problem(403, 'forbidden') : undefined) });
    renderApp('/reports/disclosure?year=2026');
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says so when nothing was paid', async () => {
    reportServer({ empty: true });
    renderApp('/reports/disclosure?year=2026&quarter=3');
    expect(await screen.findByText('Tidak ada pembayaran kepada media pada Triwulan 3 Tahun Anggaran 2026.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
