import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { problem } from '../../test/http';
import { renderApp } from '../../test/render';
import { AGREEMENTS_PATH, auditor, catchDownloads, headingsOf, reportRequests, reportServer, rowsOf, rp, signInEachTest } from './fixtures';

signInEachTest();

describe('The agreements against ceilings report', () => {
  it('shows each agreement against its ceiling, in rupiah, with the totals in the footer', async () => {
    const seen = reportServer();
    renderApp('/reports/agreements?year=2026');
    const table = await screen.findByRole('table', { name: 'Kontrak terhadap pagu Tahun Anggaran 2026' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Kontrak terhadap pagu');
    expect(reportRequests(seen, AGREEMENTS_PATH).map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2026' }]);

    expect(headingsOf(table)).toEqual(['Nomor', 'Perusahaan pers', 'Media', 'Mata anggaran', 'Status', 'Pagu', 'Terikat pesanan', 'Realisasi', 'Sisa', 'Terpakai']);
    expect(rowsOf(table, 1)).toEqual([
      ['001/PKS/DISKOMINFO/2026', 'PT Kayuagung Media Utama', 'Kayuagung Pos', '5.1.02.01.01.0025', 'Aktif', rp('20.000.000'), rp('2.000.000'), rp('7.500.000'), rp('10.500.000'), '47,5%'],
      ['002/PKS/DISKOMINFO/2026', 'PT Radio Suara Komering', 'Radio Suara Komering 98,6 FM', '5.1.02.01.01.0025', 'Selesai', rp('2.500.000'), rp('0'), rp('2.500.000'), rp('0'), '100%'],
    ]);
    expect(rowsOf(table, 2)).toEqual([['Jumlah (2 perjanjian)', rp('22.500.000'), rp('2.000.000'), rp('10.000.000'), rp('10.500.000'), '53,33%']]);

    expect(within(table).getByRole('link', { name: '001/PKS/DISKOMINFO/2026' })).toHaveAttribute('href', '/agreements/0190f7a0-0000-7000-8000-0000000007a1');
    const bars = within(table).getAllByRole('img');
    expect(bars.map((bar) => bar.getAttribute('aria-label'))).toEqual([
      `Terpakai 47,5% dari pagu (${rp('9.500.000')} dari ${rp('20.000.000')})`,
      `Terpakai 100% dari pagu (${rp('2.500.000')} dari ${rp('2.500.000')})`,
      `Terpakai 53,33% dari pagu (${rp('12.000.000')} dari ${rp('22.500.000')})`,
    ]);
    expect(bars.map((bar) => bar.querySelector('rect[data-used]')?.getAttribute('width'))).toEqual(['4750', '10000', '5333']);
  });

  it('downloads the same report as CSV, for the year and unit asked, named by its year', async () => {
    const seen = reportServer();
    const { blobs, names } = catchDownloads();
    renderApp(`/reports/agreements?year=2025&unit=${auditor.unit.id}`);
    await screen.findByRole('table', { name: 'Kontrak terhadap pagu Tahun Anggaran 2025' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Unduh CSV' }));

    await waitFor(() => {
      expect(names).toEqual(['agreements-2025.csv']);
    });
    const csv = reportRequests(seen, AGREEMENTS_PATH).filter((query) => query.get('format') === 'csv');
    expect(csv.map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2025', unit_id: auditor.unit.id, format: 'csv' }]);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.type).toContain('text/csv');
    expect(await blobs[0]!.text()).toContain('001/PKS/DISKOMINFO/2026,active,PT Kayuagung Media Utama');
  });

  it('names the signed audit checkpoint the report was drawn under', async () => {
    reportServer();
    renderApp('/reports/agreements?year=2026');
    await screen.findByRole('table', { name: 'Kontrak terhadap pagu Tahun Anggaran 2026' });
    const note = screen.getByTestId('report-checkpoint');
    expect(note).toHaveTextContent('checkpoint audit bertanda tangan #412');
    expect(note).toHaveTextContent('kunci 9c1d2e3f4a5b6c7d');
  });

  it('says why the report cannot be shown', async () => {
    reportServer({ handle: (request) => (request.path === AGREEMENTS_PATH ? problem(403, 'forbidden') : undefined) });
    renderApp('/reports/agreements?year=2026');
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says so when no agreements match', async () => {
    reportServer({ empty: true });
    renderApp('/reports/agreements?year=2026');
    expect(await screen.findByText('Tidak ada perjanjian pada Tahun Anggaran 2026 untuk pilihan ini.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
