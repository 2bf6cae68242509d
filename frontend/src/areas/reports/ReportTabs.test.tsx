import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp } from '../../test/render';
import { AGREEMENTS_PATH, auditor, DISCLOSURE_PATH, FAIRNESS_PATH, ORDERS_BY_STATE_PATH, OWED_PATH, REPORT_PATH, reportRequests, reportServer, signInEachTest } from './fixtures';

signInEachTest();

describe('The switch between the reports', () => {
  it('leads to each report, keeping the year and unit looked at and leaving the realisation\'s own filter behind', async () => {
    const seen = reportServer();
    const unit = auditor.unit.id;
    const app = renderApp(`/reports?year=2025&by=company&unit=${unit}`);
    await screen.findByRole('table', { name: 'Realisasi anggaran Tahun Anggaran 2025 per Perusahaan pers' });
    expect(screen.getByRole('tab', { name: 'Realisasi anggaran' })).toHaveAttribute('aria-selected', 'true');
    const user = userEvent.setup();

    await user.click(screen.getByRole('tab', { name: 'Kontrak terhadap pagu' }));
    await screen.findByRole('table', { name: 'Kontrak terhadap pagu Tahun Anggaran 2025' });
    expect(app.address()).toBe(`/reports/agreements?year=2025&unit=${unit}`);
    expect(screen.getByRole('tab', { name: 'Kontrak terhadap pagu' })).toHaveAttribute('aria-selected', 'true');
    expect(Object.fromEntries(reportRequests(seen, AGREEMENTS_PATH)[0]!)).toEqual({ fiscal_year: '2025', unit_id: unit });

    await user.click(screen.getByRole('tab', { name: 'Pesanan menurut status' }));
    await screen.findByRole('table', { name: 'Pesanan menurut status Tahun Anggaran 2025' });
    expect(app.address()).toBe(`/reports/orders-by-state?year=2025&unit=${unit}`);
    expect(Object.fromEntries(reportRequests(seen, ORDERS_BY_STATE_PATH)[0]!)).toEqual({ fiscal_year: '2025', unit_id: unit });

    await user.click(screen.getByRole('tab', { name: 'Realisasi anggaran' }));
    await screen.findByRole('table', { name: 'Realisasi anggaran Tahun Anggaran 2025 per Media' });
    expect(app.address()).toBe(`/reports?year=2025&unit=${unit}`);
    expect(Object.fromEntries(reportRequests(seen, REPORT_PATH).at(-1)!)).toEqual({ fiscal_year: '2025', by: 'outlet', unit_id: unit });
  });

  it('leads to the owed, fairness and disclosure reports, leaving each one\'s own filters behind', async () => {
    const seen = reportServer();
    const unit = auditor.unit.id;
    const app = renderApp(`/reports/fairness?year=2025&by=tier&unit=${unit}`);
    await screen.findByRole('table', { name: 'Kewajaran alokasi Tahun Anggaran 2025 per Tingkat tarif' });
    expect(screen.getByRole('tab', { name: 'Kewajaran alokasi' })).toHaveAttribute('aria-selected', 'true');
    expect(Object.fromEntries(reportRequests(seen, FAIRNESS_PATH)[0]!)).toEqual({ fiscal_year: '2025', by: 'tier', unit_id: unit });
    const user = userEvent.setup();

    await user.click(screen.getByRole('tab', { name: 'Utang per perusahaan' }));
    await screen.findByRole('table', { name: 'Utang per perusahaan Tahun Anggaran 2025' });
    expect(app.address()).toBe(`/reports/owed?year=2025&unit=${unit}`);
    expect(Object.fromEntries(reportRequests(seen, OWED_PATH)[0]!)).toEqual({ fiscal_year: '2025', unit_id: unit });

    await user.click(screen.getByRole('tab', { name: 'Keterbukaan triwulanan' }));
    await screen.findByRole('table', { name: 'Keterbukaan belanja media Tahun Anggaran 2025' });
    expect(app.address()).toBe(`/reports/disclosure?year=2025&unit=${unit}`);
    expect(Object.fromEntries(reportRequests(seen, DISCLOSURE_PATH)[0]!)).toEqual({ fiscal_year: '2025' });

    await user.click(screen.getByRole('tab', { name: 'Kewajaran alokasi' }));
    await screen.findByRole('table', { name: 'Kewajaran alokasi Tahun Anggaran 2025 per Media' });
    expect(app.address()).toBe(`/reports/fairness?year=2025&unit=${unit}`);
  });
});
