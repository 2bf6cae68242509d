import { getDefaultNormalizer, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { problem } from '../../test/http';
import { renderApp } from '../../test/render';
import { auditor, catchDownloads, headingsOf, OWED_PATH, reportRequests, reportServer, rowsOf, rp, signInEachTest } from './fixtures';

signInEachTest();

describe('The owed per company report', () => {
  it('shows what each company is owed with its ages, the day they are counted to, and the totals', async () => {
    const seen = reportServer();
    renderApp('/reports/owed?year=2026');
    const table = await screen.findByRole('table', { name: 'Utang per perusahaan Tahun Anggaran 2026' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Utang per perusahaan');
    expect(screen.getByRole('tab', { name: 'Utang per perusahaan' })).toHaveAttribute('aria-selected', 'true');
    expect(reportRequests(seen, OWED_PATH).map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2026' }]);
    expect(screen.getByText('Umur dihitung sampai 05/06/2026, sejak hari penayangan.')).toBeInTheDocument();

    expect(headingsOf(table)).toEqual(['Perusahaan pers', 'Pesanan', 'Nilai', 'Terlama', '0–30 hari', '31–60 hari', '61–90 hari', '> 90 hari']);
    expect(rowsOf(table, 1)).toEqual([
      ['PT Kayuagung Media Utama', '3', rp('4.500.000'), '124 hari', rp('1.500.000'), rp('0'), rp('1.000.000'), rp('2.000.000')],
      ['PT Sriwijaya Siber Nusantara', '1', rp('840.000'), '16 hari', rp('840.000'), rp('0'), rp('0'), rp('0')],
    ]);
    expect(rowsOf(table, 2)).toEqual([['Jumlah (2 perusahaan)', '4', rp('5.340.000'), '124 hari', rp('2.340.000'), rp('0'), rp('1.000.000'), rp('2.000.000')]]);
    expect(screen.getByText('124 hari', { selector: 'tbody td' })).toHaveAttribute('title', 'Ditayangkan 01/02/2026');
  });

  it('highlights the amounts that have waited longer than 30 days, and says how much that is', async () => {
    reportServer();
    renderApp('/reports/owed?year=2026');
    const table = await screen.findByRole('table', { name: 'Utang per perusahaan Tahun Anggaran 2026' });
    const [body] = within(table).getAllByRole('rowgroup').slice(1, 2);
    const late = [...body!.querySelectorAll('td[data-late]')].map((cell) => cell.textContent);
    expect(late).toEqual([rp('1.000.000'), rp('2.000.000')]);
    expect(screen.getByText(`${rp('3.000.000')} dari ${rp('5.340.000')} sudah menunggu lebih dari 30 hari.`, { normalizer: getDefaultNormalizer({ collapseWhitespace: false }) })).toBeInTheDocument();
  });

  it('downloads the same report as CSV, for the year and unit asked, named by its year', async () => {
    const seen = reportServer();
    const { blobs, names } = catchDownloads();
    const app = renderApp(`/reports/owed?year=2025&unit=${auditor.unit.id}`);
    await screen.findByRole('table', { name: 'Utang per perusahaan Tahun Anggaran 2025' });
    expect(app.address()).toBe(`/reports/owed?year=2025&unit=${auditor.unit.id}`);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Unduh CSV' }));

    await waitFor(() => {
      expect(names).toEqual(['owed-2025.csv']);
    });
    const csv = reportRequests(seen, OWED_PATH).filter((query) => query.get('format') === 'csv');
    expect(csv.map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2025', unit_id: auditor.unit.id, format: 'csv' }]);
    expect(await blobs[0]!.text()).toContain('PT Kayuagung Media Utama,3,4500000,2026-02-01,124,1500000,0,1000000,2000000');
  });

  it('says why the report cannot be shown', async () => {
    reportServer({ handle: (request) => (request.path === OWED_PATH ? problem(403, 'forbidden') : undefined) });
    renderApp('/reports/owed?year=2026');
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says so when nothing is owed', async () => {
    reportServer({ empty: true });
    renderApp('/reports/owed?year=2026');
    expect(await screen.findByText('Tidak ada utang pada Tahun Anggaran 2026 untuk pilihan ini.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
