import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { problem } from '../../test/http';
import { renderApp } from '../../test/render';
import { auditor, catchDownloads, FAIRNESS_PATH, headingsOf, pick, reportRequests, reportServer, rowsOf, rp, signInEachTest } from './fixtures';

signInEachTest();

describe('The allocation fairness report', () => {
  it('shows each outlet\'s share, largest first, with the totals, the top-10 share and the Gini coefficient', async () => {
    const seen = reportServer();
    renderApp('/reports/fairness?year=2026');
    const table = await screen.findByRole('table', { name: 'Kewajaran alokasi Tahun Anggaran 2026 per Media' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Kewajaran alokasi');
    expect(reportRequests(seen, FAIRNESS_PATH).map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2026', by: 'outlet' }]);

    expect(headingsOf(table)).toEqual(['Media', 'Perjanjian', 'Pagu', 'Realisasi', 'Bagian']);
    expect(rowsOf(table, 1)).toEqual([
      ['Kayuagung PosPT Kayuagung Media Utama', '1', rp('20.000.000'), rp('7.500.000'), '75%'],
      ['Radio Suara Komering 98,6 FMPT Radio Suara Komering', '1', rp('2.500.000'), rp('2.500.000'), '25%'],
      ['okionline.idPT Sriwijaya Siber Nusantara', '1', rp('5.000.000'), rp('0'), '0%'],
    ]);
    expect(rowsOf(table, 2)).toEqual([['Jumlah (3 media)', '3', rp('27.500.000'), rp('10.000.000'), '100%']]);

    const topTen = screen.getByRole('region', { name: 'Bagian 10 terbesar' });
    expect(topTen).toHaveTextContent('100%');
    expect(topTen).toHaveTextContent('Bagian belanja yang diterima sepuluh baris terbesar.');
    const gini = screen.getByRole('region', { name: 'Koefisien Gini' });
    expect(gini).toHaveTextContent('0,50');
    expect(gini).toHaveTextContent('0 berarti semua menerima sama besar');

    const shares = within(screen.getByRole('list', { name: 'Bagian dari seluruh belanja' })).getAllByRole('listitem');
    expect(shares.map((item) => within(item).getByRole('img').getAttribute('aria-label'))).toEqual([
      `Kayuagung Pos: 75% dari seluruh belanja (${rp('7.500.000')})`,
      `Radio Suara Komering 98,6 FM: 25% dari seluruh belanja (${rp('2.500.000')})`,
      `okionline.id: 0% dari seluruh belanja (${rp('0')})`,
    ]);
    expect(shares.map((item) => item.querySelector('rect[data-share]')?.getAttribute('width') ?? null)).toEqual(['7500', '2500', null]);
  });

  it('spreads over the tiers when asked, and keeps it in the address', async () => {
    const seen = reportServer();
    const app = renderApp('/reports/fairness?year=2026');
    await screen.findByRole('table', { name: 'Kewajaran alokasi Tahun Anggaran 2026 per Media' });
    const user = userEvent.setup();
    await pick(user, screen.getByRole('combobox', { name: 'Dibagi per' }), 'Tingkat tarif');

    const table = await screen.findByRole('table', { name: 'Kewajaran alokasi Tahun Anggaran 2026 per Tingkat tarif' });
    expect(app.address()).toBe('/reports/fairness?year=2026&by=tier');
    expect(reportRequests(seen, FAIRNESS_PATH).at(-1)?.get('by')).toBe('tier');
    expect(headingsOf(table)).toEqual(['Tingkat tarif', 'Media', 'Perjanjian', 'Pagu', 'Realisasi', 'Bagian']);
    expect(rowsOf(table, 1)).toEqual([
      ['A', '1', '1', rp('20.000.000'), rp('7.500.000'), '75%'],
      ['B', '2', '2', rp('7.500.000'), rp('2.500.000'), '25%'],
    ]);
    expect(rowsOf(table, 2)).toEqual([['Jumlah (2 tingkat)', '3', '3', rp('27.500.000'), rp('10.000.000'), '100%']]);
    expect(screen.getByRole('region', { name: 'Koefisien Gini' })).toHaveTextContent('0,25');
  });

  it('downloads the same report as CSV, for the year, dimension and unit asked', async () => {
    const seen = reportServer();
    const { blobs, names } = catchDownloads();
    renderApp(`/reports/fairness?year=2025&by=tier&unit=${auditor.unit.id}`);
    await screen.findByRole('table', { name: 'Kewajaran alokasi Tahun Anggaran 2025 per Tingkat tarif' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Unduh CSV' }));

    await waitFor(() => {
      expect(names).toEqual(['fairness-2025-tier.csv']);
    });
    const csv = reportRequests(seen, FAIRNESS_PATH).filter((query) => query.get('format') === 'csv');
    expect(csv.map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2025', by: 'tier', unit_id: auditor.unit.id, format: 'csv' }]);
    expect(await blobs[0]!.text()).toContain('A,A,,1,1,20000000,7500000,0.7500');
  });

  it('says why the report cannot be shown', async () => {
    reportServer({ handle: (request) => (request.path === FAIRNESS_PATH ? problem(403, 'forbidden') : undefined) });
    renderApp('/reports/fairness?year=2026');
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says so when no agreements match', async () => {
    reportServer({ empty: true });
    renderApp('/reports/fairness?year=2026');
    expect(await screen.findByText('Tidak ada perjanjian pada Tahun Anggaran 2026 untuk pilihan ini.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Koefisien Gini' })).not.toBeInTheDocument();
  });
});
