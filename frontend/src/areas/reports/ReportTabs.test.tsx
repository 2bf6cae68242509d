import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { tokenPair } from '../../test/http';
import { renderApp } from '../../test/render';
import { AGREEMENTS_PATH, auditor, ORDERS_BY_STATE_PATH, REPORT_PATH, reportRequests, reportServer } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

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
});
