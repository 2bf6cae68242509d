import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { CHECKPOINT, catchDownloads, headingsOf, reportRequests, reportServer, rowsOf, rp, signInEachTest } from './fixtures';
import type { ExceptionRow, ExceptionsReport } from './model';

const EXCEPTIONS_PATH = '/api/v1/reports/exceptions';

const idr = (amount: string) => ({ amount, currency: 'IDR' as const });

const item = (n: number, klass: ExceptionRow['class'], reference: string, detail: string, amount: string, record: ExceptionRow['record'] = 'history_order'): ExceptionRow => ({
  class: klass,
  record,
  record_id: `0190f7a0-0000-7000-8000-0000000e000${n}`,
  reference,
  detail,
  amount: idr(amount),
  link: `/api/v1/history/orders/0190f7a0-0000-7000-8000-0000000e000${n}`,
});

// As the server answers: class by class in the order of the vocabulary, each by reference.
const ROWS: ExceptionRow[] = [
  item(1, 'price_above_rate_card', 'SP-2023-014', 'unit price 1200000 above the rate card 1000000', '200000'),
  item(2, 'price_above_rate_card', 'SP-2023-021', 'unit price 900000 above the rate card 750000', '150000'),
  item(3, 'paid_without_order', 'SP2D-2023-0077', 'paid without an order', '3000000', 'history_payment'),
];

function byClass(counts: Partial<Record<ExceptionRow['class'], number>>): Record<string, number> {
  return { price_above_rate_card: 0, paid_without_verified_proof: 0, paid_without_order: 0, ...counts };
}

function exceptionsAnswer(empty: boolean) {
  return (request: Seen) => {
    if (request.method !== 'GET' || request.path !== EXCEPTIONS_PATH) return undefined;
    const query = new URLSearchParams(request.search);
    const year = Number(query.get('fiscal_year'));
    const rows = empty ? [] : ROWS;
    if (query.get('format') === 'csv') {
      const lines = ['class,record,record_id,reference,detail,amount', ...rows.map((r) => [r.class, r.record, r.record_id, r.reference, r.detail, r.amount.amount].join(','))];
      return new Response(`${lines.join('\n')}\n`, { status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
    }
    const report: ExceptionsReport = {
      checkpoint: CHECKPOINT,
      fiscal_year: year,
      split_threshold: idr('200000000'),
      rows,
      total: empty ? { items: 0, amount: idr('0'), by_class: byClass({}) } : { items: 3, amount: idr('3350000'), by_class: byClass({ price_above_rate_card: 2, paid_without_order: 1 }) },
    };
    return json(200, report);
  };
}

signInEachTest();

describe('The exceptions report', () => {
  it('lists the year\'s exceptions class by class, translated, with the count per class and the total', async () => {
    const seen = reportServer({ handle: exceptionsAnswer(false) });
    renderApp('/reports/exceptions?year=2023');
    const table = await screen.findByRole('table', { name: 'Temuan pada riwayat Tahun Anggaran 2023' });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Temuan pada riwayat');
    expect(screen.getByRole('tab', { name: 'Temuan riwayat' })).toHaveAttribute('aria-selected', 'true');
    expect(reportRequests(seen, EXCEPTIONS_PATH).map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2023' }]);
    // Never by unit: no unit filter is offered.
    expect(screen.queryByRole('combobox', { name: 'Unit kerja' })).not.toBeInTheDocument();

    expect(headingsOf(table)).toEqual(['Golongan', 'Nomor', 'Keterangan', 'Nilai']);
    expect(rowsOf(table, 1)).toEqual([
      ['SP-2023-014', 'Harga di atas standar harga', 'unit price 1200000 above the rate card 1000000', rp('200.000')],
      ['SP-2023-021', 'Harga di atas standar harga', 'unit price 900000 above the rate card 750000', rp('150.000')],
      ['SP2D-2023-0077', 'Dibayar tanpa surat pesanan', 'paid without an order', rp('3.000.000')],
    ]);
    expect(rowsOf(table, 2)).toEqual([['Jumlah (3 temuan)', rp('3.350.000')]]);

    const summary = screen.getByRole('list', { name: 'Temuan per golongan' });
    expect(within(summary).getAllByRole('listitem').map((entry) => entry.textContent)).toEqual(['Harga di atas standar harga: 2', 'Dibayar tanpa surat pesanan: 1']);
    expect(screen.getByTestId('report-checkpoint')).toHaveTextContent('412');
  });

  it('downloads the same report as CSV, for the year asked', async () => {
    const seen = reportServer({ handle: exceptionsAnswer(false) });
    const { blobs, names } = catchDownloads();
    renderApp('/reports/exceptions?year=2023');
    await screen.findByRole('table', { name: 'Temuan pada riwayat Tahun Anggaran 2023' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Unduh CSV' }));

    await waitFor(() => {
      expect(names).toEqual(['exceptions-2023.csv']);
    });
    const csv = reportRequests(seen, EXCEPTIONS_PATH).filter((query) => query.get('format') === 'csv');
    expect(csv.map((query) => Object.fromEntries(query))).toEqual([{ fiscal_year: '2023', format: 'csv' }]);
    expect(await blobs[0]!.text()).toContain('paid_without_order,history_payment');
  });

  it('says why nothing is listed when there is no exception', async () => {
    reportServer({ handle: exceptionsAnswer(true) });
    renderApp('/reports/exceptions?year=2026');
    expect(
      await screen.findByText('Tidak ada temuan pada Tahun Anggaran 2026: data yang dimasukkan melalui Mitra ditolak sejak dimasukkan; impor tahun-tahun sebelumnya untuk memeriksanya.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
