import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { jakartaYear } from '../../format';
import { tokenPair, type Seen } from '../../test/http';
import { auditor, financeServer, received, renderFinance, rp, treasurer } from './fixtures';
import { pick } from '../../test/select';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const asked = (seen: Seen[]) =>
  seen.filter((request) => request.method === 'GET' && request.path === '/api/v1/finance/owed').map((request) => new URLSearchParams(request.search).get('fiscal_year'));

describe('What is owed', () => {
  it('lists unpaid work oldest first, with its age, the ages over 30, 60 and 90 days marked, and the total', async () => {
    const seen = financeServer({ who: treasurer });
    renderFinance('/finance/owed?year=2026');
    const table = await screen.findByRole('table', { name: 'Pekerjaan belum dibayar Tahun Anggaran 2026' });
    expect(asked(seen)).toEqual(['2026']);
    const rows = within(within(table).getAllByRole('rowgroup')[1]!).getAllByRole('row');
    const cells = (row: HTMLElement) => [within(row).getByRole('rowheader'), ...within(row).getAllByRole('cell')].map((cell) => cell.textContent);
    expect(rows.map(cells)).toEqual([
      ['0003/SP/DISKOMINFO/I/2026', 'PT Kayuagung Media Utama', 'Ditagihkan', received.number, rp('5.330.000'), '25/01/2026', '95 hari> 90 hari'],
      ['0008/SP/DISKOMINFO/II/2026', 'PT Radio Suara Komering', 'Bukti ditolak', 'Belum ditagihkan', rp('2.500.000'), '28/02/2026', '61 hari> 60 hari'],
      ['0011/SP/DISKOMINFO/III/2026', 'PT Kayuagung Media Utama', 'Bukti terverifikasi', 'Belum ditagihkan', rp('3.000.000'), '16/03/2026', '45 hari> 30 hari'],
      ['0015/SP/DISKOMINFO/IV/2026', 'PT Kayuagung Media Utama', 'Ditayangkan', 'Belum ditagihkan', rp('750.000'), '31/03/2026', '30 hari'],
      ['0020/SP/DISKOMINFO/IV/2026', 'PT Kayuagung Media Utama', 'Ditayangkan', 'Belum ditagihkan', rp('1.500.000'), '18/04/2026', '12 hari'],
    ]);
    expect(rows.map((row) => row.getAttribute('data-age'))).toEqual(['over90', 'over60', 'over30', 'current', 'current']);
    expect(within(rows[0]!).getByRole('link', { name: received.number })).toHaveAttribute('href', `/finance/invoices/${received.id}`);

    const total = within(table).getByRole('rowheader', { name: 'Jumlah (5 pesanan)' }).closest('tr')!;
    expect(within(total).getAllByRole('cell')[0]).toHaveTextContent('Rp 13.080.000');

    const bands = within(screen.getByRole('list', { name: 'Terutang menurut umur' })).getAllByRole('listitem');
    expect(bands.map((band) => band.textContent)).toEqual([
      `Sampai 30 hari${rp('2.250.000')}2 pesanan`,
      `31–60 hari${rp('3.000.000')}1 pesanan`,
      `61–90 hari${rp('2.500.000')}1 pesanan`,
      `Lebih dari 90 hari${rp('5.330.000')}1 pesanan`,
    ]);
  });

  it('asks for the year in progress by default, and for the year picked, in the address', async () => {
    const seen = financeServer({ who: auditor, owedNow: [] });
    const app = renderFinance('/finance/owed');
    expect(await screen.findByText(`Tidak ada pekerjaan yang belum dibayar pada Tahun Anggaran ${jakartaYear()}.`)).toBeInTheDocument();
    expect(asked(seen)).toEqual([String(jakartaYear())]);
    const user = userEvent.setup();
    await pick(user, screen.getByRole('combobox', { name: 'Tahun anggaran' }), String(jakartaYear() - 1));
    await waitFor(() => {
      expect(asked(seen).at(-1)).toBe(String(jakartaYear() - 1));
    });
    expect(app.address()).toBe(`/finance/owed?year=${jakartaYear() - 1}`);
  });
});
