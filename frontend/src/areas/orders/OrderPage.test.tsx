import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { json, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { accepted, agreement, auditor, declined, issued, officer, ordersServer, paid } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const pageOf = (id: string) => `/orders/${id}`;
const changes = (seen: Seen[]) => seen.filter((request) => request.method !== 'GET');

function stepButtons() {
  const group = screen.queryByRole('group', { name: 'Langkah berikutnya' });
  return group ? within(group).getAllByRole('button').map((button) => button.textContent) : [];
}

async function opened(number: string) {
  return screen.findByRole('heading', { level: 1, name: number });
}

describe('An order', () => {
  it('downloads its letter (PDF) with the access token, under its number', async () => {
    const letterPath = `/api/v1/orders/${issued.id}/letter.pdf`;
    const seen = ordersServer({
      who: auditor,
      handle: (request) => (request.path === letterPath ? new Response('%PDF-1.5\n%%EOF\n', { status: 200, headers: { 'Content-Type': 'application/pdf' } }) : undefined),
    });
    const createObjectURL = vi.fn(() => 'blob:letter');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    renderApp(pageOf(issued.id));
    await opened(issued.number);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Unduh surat pesanan (PDF)' }));
    await waitFor(() => {
      expect(createObjectURL).toHaveBeenCalled();
    });
    expect(seen.find((request) => request.path === letterPath)?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(saved).toEqual([`SP-${issued.number.replace(/\//g, '-')}.pdf`]);
    click.mockRestore();
  });

  it('shows what was ordered from whom, at what price and by when', async () => {
    ordersServer({ who: auditor });
    renderApp(pageOf(paid.id));
    await opened(paid.number);
    const order = screen.getByRole('table', { name: 'Pesanan' });
    expect(within(order).getByRole('link', { name: agreement.number })).toHaveAttribute('href', `/agreements/${agreement.id}`);
    await waitFor(() => {
      expect(order).toHaveTextContent('Advertorial (per tayang)');
    });
    const amounts = screen.getByRole('table', { name: 'Nilai dan tenggat' });
    const fact = (name: string) => within(amounts).getByRole('rowheader', { name }).closest('tr')!.querySelector('td')!.textContent;
    expect(fact('Harga satuan')).toBe('Rp\u00a01.400.000');
    expect(fact('Nilai pesanan')).toBe('Rp\u00a01.400.000');
    expect(fact('Ditayangkan')).toBe('06/04/2026');
    expect(fact('Jumlah terverifikasi')).toBe('1');
  });

  it('offers an officer the steps the server lists for its state, and an auditor none', async () => {
    ordersServer({ who: officer });
    renderApp(pageOf(issued.id));
    await opened(issued.number);
    expect(stepButtons()).toEqual(['Catat diterima', 'Catat ditolak', 'Batalkan']);
    cleanup();

    ordersServer({ who: officer });
    renderApp(pageOf(accepted.id));
    await opened(accepted.number);
    expect(stepButtons()).toEqual(['Batalkan']);
    cleanup();

    ordersServer({ who: officer });
    renderApp(pageOf(paid.id));
    await opened(paid.number);
    expect(stepButtons()).toEqual([]);
    cleanup();

    ordersServer({ who: auditor });
    renderApp(pageOf(issued.id));
    await opened(issued.number);
    expect(stepButtons()).toEqual([]);
  });

  it('records the company\'s acceptance with If-Match', async () => {
    const seen = ordersServer({ handle: (request) => (request.method === 'POST' ? json(200, { ...issued, state: 'accepted', next_steps: ['cancel'], version: 2 }) : undefined) });
    renderApp(pageOf(issued.id));
    await opened(issued.number);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Catat diterima' }));
    const dialog = await screen.findByRole('dialog', { name: `Catat bahwa ${issued.number} diterima?` });
    await user.click(within(dialog).getByRole('button', { name: 'Catat diterima' }));
    expect(await screen.findByText(`Pesanan ${issued.number} dicatat diterima.`)).toBeInTheDocument();
    const [accept] = changes(seen);
    expect(accept?.path).toBe(`/api/v1/orders/${issued.id}/accept`);
    expect(accept?.headers.get('If-Match')).toBe('"1"');
    expect(accept?.body).toEqual({ reason: null });
  });

  it('records a decline only with the company\'s reason', async () => {
    const seen = ordersServer({ handle: (request) => (request.method === 'POST' ? json(200, { ...issued, state: 'declined', last_reason: declined.last_reason, next_steps: [], version: 2 }) : undefined) });
    renderApp(pageOf(issued.id));
    await opened(issued.number);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Catat ditolak' }));
    const dialog = await screen.findByRole('dialog', { name: `Catat bahwa ${issued.number} ditolak perusahaan?` });
    await user.click(within(dialog).getByRole('button', { name: 'Catat ditolak' }));
    expect(await within(dialog).findByText('Tuliskan alasannya; perusahaan akan membacanya.')).toBeInTheDocument();
    expect(changes(seen)).toEqual([]);

    await user.type(within(dialog).getByLabelText(/^Alasan penolakan/), 'Redaksi tidak dapat menayangkan pada tanggal itu');
    await user.click(within(dialog).getByRole('button', { name: 'Catat ditolak' }));
    expect(await screen.findByText(`Pesanan ${issued.number} dicatat ditolak.`)).toBeInTheDocument();
    const [decline] = changes(seen);
    expect(decline?.path).toBe(`/api/v1/orders/${issued.id}/decline`);
    expect(decline?.headers.get('If-Match')).toBe('"1"');
    expect(decline?.body).toEqual({ reason: 'Redaksi tidak dapat menayangkan pada tanggal itu' });
  });

  it('is read again when someone else moved it first', async () => {
    const seen = ordersServer({ handle: (request) => (request.method === 'POST' ? problem(412, 'precondition_failed') : undefined) });
    renderApp(pageOf(accepted.id));
    await opened(accepted.number);
    const reads = () => seen.filter((request) => request.method === 'GET' && request.path === `/api/v1/orders/${accepted.id}`).length;
    const before = reads();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Batalkan' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Alasan pembatalan/), 'Acara ditunda');
    await user.click(within(dialog).getByRole('button', { name: 'Batalkan' }));
    expect(await screen.findByText(/Pesanan ini telah diubah oleh orang lain lebih dulu/)).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    await waitFor(() => {
      expect(reads()).toBeGreaterThan(before);
    });
  });

  it('says why the company declined it', async () => {
    ordersServer({ who: auditor });
    renderApp(pageOf(declined.id));
    await opened(declined.number);
    expect(screen.getByText('Ditolak perusahaan', { selector: '.mantine-Alert-title, .mantine-Alert-label' })).toBeInTheDocument();
    expect(screen.getByText('Redaksi tidak dapat menayangkan pada tanggal itu')).toBeInTheDocument();
  });
});
