import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { json, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { advertising, budgetServer, officer, rp, treasurer } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const pageOf = `/budget/${advertising.id}`;
const changes = (seen: Seen[]) => seen.filter((request) => request.method !== 'GET');

async function opened() {
  return screen.findByRole('heading', { level: 1, name: advertising.name });
}

describe('A budget line', () => {
  it('shows what it holds, what is left of it, and its ceiling\'s revisions', async () => {
    budgetServer({ who: officer });
    renderApp(pageOf);
    await opened();
    const figures = screen.getByRole('table', { name: 'Pagu dan penggunaannya' });
    const figure = (name: string) => within(figures).getByRole('rowheader', { name }).closest('tr')!.querySelector('td')!.textContent;
    expect(figure('Pagu')).toBe(rp('250.000.000'));
    expect(figure('Dicadangkan perjanjian')).toBe(rp('150.000.000'));
    expect(figure('Belum dicadangkan')).toBe(rp('100.000.000'));
    expect(figure('Sisa pagu')).toBe(rp('137.500.000'));
    expect(screen.getByRole('img', { name: /^DISKOMINFO · 5\.1\.02\.01\.01\.0025: terealisasi/ })).toBeInTheDocument();

    const revisions = await screen.findByRole('table', { name: 'Revisi pagu' });
    const row = within(revisions).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('DPPA Perubahan APBD 2026 Nomor 900/123/BPKAD');
    expect(row).toHaveTextContent('Rp 200.000.000');
    expect(row).toHaveTextContent('Rp 250.000.000');
    // Only the treasurer keeps the budget document.
    expect(screen.queryByRole('button', { name: 'Revisi pagu' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Koreksi kode atau nama' })).not.toBeInTheDocument();
  });

  it('has its ceiling revised with If-Match, never below what is reserved or used', async () => {
    const seen = budgetServer({
      who: treasurer,
      handle: (request) =>
        request.method === 'POST' ? json(200, { ...advertising, ceiling: { amount: '300000000', currency: 'IDR' }, revisions: 2, version: 4 }) : undefined,
    });
    renderApp(pageOf);
    await opened();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Revisi pagu' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revisi pagu 5.1.02.01.01.0025' });
    const ceiling = within(dialog).getByLabelText(/^Pagu perubahan/);
    expect(ceiling).toHaveValue('250.000.000');
    // Agreements reserve 150 million of it: less than that is refused before anything is sent.
    expect(ceiling).toHaveAccessibleDescription(expect.stringContaining(`Tidak boleh kurang dari ${rp('150.000.000')}`) as string);
    await user.clear(ceiling);
    await user.type(ceiling, '149.999.999');
    await user.type(within(dialog).getByLabelText(/^Dasar revisi/), 'DPPA Perubahan II');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan revisi' }));
    await waitFor(() => {
      expect(ceiling).toHaveAttribute('aria-invalid', 'true');
    });
    expect(changes(seen)).toEqual([]);

    await user.clear(ceiling);
    await user.type(ceiling, '300.000.000');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan revisi' }));
    expect(await screen.findByText('Pagu 5.1.02.01.01.0025 direvisi menjadi Rp 300.000.000.')).toBeInTheDocument();
    const [revision] = changes(seen);
    expect(revision?.path).toBe(`/api/v1/budget-lines/${advertising.id}/revisions`);
    expect(revision?.headers.get('If-Match')).toBe('"3"');
    expect(revision?.body).toEqual({ ceiling: { amount: '300000000', currency: 'IDR' }, reason: 'DPPA Perubahan II' });
  });

  it('puts the server\'s refusal to go below commitments on the ceiling', async () => {
    budgetServer({ who: treasurer, handle: (request) => (request.method === 'POST' ? problem(409, 'ceiling_below_commitments') : undefined) });
    renderApp(pageOf);
    await opened();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Revisi pagu' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Dasar revisi/), 'DPPA Perubahan II');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan revisi' }));
    const ceiling = within(dialog).getByLabelText(/^Pagu perubahan/);
    await waitFor(() => {
      expect(ceiling).toHaveAttribute('aria-invalid', 'true');
    });
    expect(ceiling).toHaveAccessibleDescription(expect.stringContaining('Pagu tidak boleh lebih kecil dari yang dicadangkan perjanjian') as string);
  });

  it('has its account code corrected with If-Match, sending only what changed', async () => {
    const seen = budgetServer({
      who: treasurer,
      handle: (request) => (request.method === 'PATCH' ? json(200, { ...advertising, account_code: '5.1.02.01.01.0024', version: 4 }) : undefined),
    });
    renderApp(pageOf);
    await opened();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Koreksi kode atau nama' }));
    const dialog = await screen.findByRole('dialog', { name: 'Koreksi mata anggaran 5.1.02.01.01.0025' });
    const code = within(dialog).getByLabelText(/^Kode rekening/);
    await user.clear(code);
    await user.type(code, '5.1.02.01.01.0024');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText('Mata anggaran 5.1.02.01.01.0024 telah dikoreksi.')).toBeInTheDocument();
    const [patch] = changes(seen);
    expect(patch?.headers.get('If-Match')).toBe('"3"');
    expect(patch?.body).toEqual({ account_code: '5.1.02.01.01.0024' });
  });

  it('is read again when someone else changed it first', async () => {
    const seen = budgetServer({ who: treasurer, handle: (request) => (request.method === 'PATCH' ? problem(412, 'precondition_failed') : undefined) });
    renderApp(pageOf);
    await opened();
    const reads = () => seen.filter((request) => request.method === 'GET' && request.path === `/api/v1/budget-lines/${advertising.id}`).length;
    const before = reads();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Koreksi kode atau nama' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Uraian/), ' Media');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText(/Mata anggaran ini telah diubah oleh orang lain lebih dulu/)).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    await waitFor(() => {
      expect(reads()).toBeGreaterThan(before);
    });
  });

  it('is not found by an id the organisation does not have', async () => {
    budgetServer({ who: officer });
    renderApp('/budget/0190f7a0-0000-7000-8000-000000000799');
    expect(await screen.findByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeInTheDocument();
  });
});
