import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../test/render';
import { catchDownloads, headingsOf, ORDERS_BY_STATE_PATH, reportRequests, reportServer, rowsOf, rp, signInEachTest } from './fixtures';

signInEachTest();

describe('The orders by state report', () => {
  it('shows the orders per state with their ages, the day they are counted to, and the totals', async () => {
    const seen = reportServer();
    renderApp('/reports/orders-by-state?year=2026');
    const table = await screen.findByRole('table', { name: 'Pesanan menurut status Tahun Anggaran 2026' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Pesanan menurut status');
    expect(reportRequests(seen, ORDERS_BY_STATE_PATH).map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2026' }]);
    expect(screen.getByText('Umur dihitung sampai 05/06/2026.')).toBeInTheDocument();

    expect(headingsOf(table)).toEqual(['Status', 'Pesanan', 'Nilai', 'Tertua', '0–30 hari', '31–60 hari', '61–90 hari', '> 90 hari']);
    expect(rowsOf(table, 1)).toEqual([
      ['Diterbitkan', '2', rp('1.500.000'), '35 hari', '1', '1', '0', '0'],
      ['Ditayangkan', '1', rp('2.000.000'), '124 hari', '0', '0', '0', '1'],
      ['Dibayar', '5', rp('9.340.000'), '86 hari', '0', '2', '3', '0'],
    ]);
    expect(rowsOf(table, 2)).toEqual([['Jumlah', '8', rp('12.840.000'), '124 hari', '1', '3', '3', '1']]);
    expect(screen.getByText('35 hari')).toHaveAttribute('title', 'Terbit 01/05/2026');
  });

  it('downloads the same report as CSV, named by its year', async () => {
    const seen = reportServer();
    const { blobs, names } = catchDownloads();
    renderApp('/reports/orders-by-state?year=2026');
    await screen.findByRole('table', { name: 'Pesanan menurut status Tahun Anggaran 2026' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Unduh CSV' }));

    await waitFor(() => {
      expect(names).toEqual(['orders-by-state-2026.csv']);
    });
    const csv = reportRequests(seen, ORDERS_BY_STATE_PATH).filter((query) => query.get('format') === 'csv');
    expect(csv.map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2026', format: 'csv' }]);
    expect(await blobs[0]!.text()).toContain('published,1,2000000,2026-02-01,124,0,0,0,1');
  });

  it('says so when no orders match', async () => {
    reportServer({ empty: true });
    renderApp('/reports/orders-by-state?year=2026');
    expect(await screen.findByText('Tidak ada pesanan pada Tahun Anggaran 2026 untuk pilihan ini.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
