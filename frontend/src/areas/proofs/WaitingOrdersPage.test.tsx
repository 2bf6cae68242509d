import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { tokenPair, type Seen } from '../../test/http';
import { online, print, proofsServer, radio, renderProofs, treasurer, verifier } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const listed = (seen: Seen[]) => seen.filter((request) => request.method === 'GET' && request.path === '/api/v1/orders').map((request) => new URLSearchParams(request.search));

describe('The orders whose proofs wait', () => {
  it('list the published orders first, each linked to its proofs', async () => {
    const seen = proofsServer({ who: verifier });
    renderProofs('/proofs');
    const table = await screen.findByRole('table', { name: 'Pesanan yang buktinya menunggu pemeriksaan' });
    const link = await within(table).findByRole('link', { name: online.number });
    expect(link).toHaveAttribute('href', `/proofs/orders/${online.id}`);
    expect(within(table).getByRole('link', { name: print.number })).toBeInTheDocument();
    expect(within(table).queryByRole('link', { name: radio.number })).not.toBeInTheDocument();
    const row = link.closest('tr')!;
    expect(row).toHaveTextContent('Kayuagung Terkini');
    expect(row).toHaveTextContent('2 unit');
    expect(row).toHaveTextContent('05/03/2026 – 20/03/2026');
    expect(row).toHaveTextContent('Rp 3.000.000');
    const [query] = listed(seen);
    expect(query?.get('state')).toBe('published');
    expect(query?.has('fiscal_year')).toBe(false);
  });

  it('switch to the orders whose proof was rejected, keeping the choice in the address', async () => {
    const seen = proofsServer({ who: treasurer });
    const app = renderProofs('/proofs');
    await screen.findByRole('table', { name: 'Pesanan yang buktinya menunggu pemeriksaan' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: 'Bukti ditolak' }));
    const table = await screen.findByRole('table', { name: 'Pesanan yang buktinya ditolak' });
    const link = await within(table).findByRole('link', { name: radio.number });
    expect(link.closest('tr')).toHaveTextContent('Log siar tidak memuat jam tayang yang dipesan');
    expect(app.address()).toBe('/proofs?state=proof_rejected');
    await waitFor(() => {
      expect(listed(seen).at(-1)?.get('state')).toBe('proof_rejected');
    });
  });

  it('open on the state and year the address names', async () => {
    const seen = proofsServer({ who: verifier });
    renderProofs('/proofs?state=accepted&year=2026');
    await screen.findByRole('table', { name: 'Pesanan yang menunggu bukti tayang' });
    await waitFor(() => {
      expect(listed(seen).length).toBeGreaterThan(0);
    });
    const [query] = listed(seen);
    expect(query?.get('state')).toBe('accepted');
    expect(query?.get('fiscal_year')).toBe('2026');
    expect(screen.getByRole('tab', { name: 'Menunggu bukti' })).toHaveAttribute('aria-selected', 'true');
  });

  it('are closed to a user without proofs.read', async () => {
    proofsServer({ who: { ...verifier, permissions: ['organisation.read', 'orders.read'] } });
    renderProofs('/proofs');
    expect(await screen.findByRole('heading', { name: 'Akses ditolak' })).toBeInTheDocument();
  });
});
