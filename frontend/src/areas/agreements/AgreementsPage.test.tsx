import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { jakartaYear } from '../../format';
import { tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { active, agreementsServer, auditor, draft, officer, rp } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const listed = (seen: Seen[]) => seen.filter((request) => request.method === 'GET' && request.path === '/api/v1/agreements');

describe('The agreements list', () => {
  it('lists the year and state the address names, each agreement with its value and what remains', async () => {
    const seen = agreementsServer({ who: auditor });
    const app = renderApp('/agreements?year=2026&state=active');
    const table = await screen.findByRole('table', { name: 'Perjanjian Tahun Anggaran 2026' });
    const query = new URLSearchParams(listed(seen)[0]?.search);
    expect(query.get('fiscal_year')).toBe('2026');
    expect(query.get('state')).toBe('active');
    const link = await within(table).findByRole('link', { name: active.number });
    expect(link).toHaveAttribute('href', `/agreements/${active.id}`);
    const row = link.closest('tr')!;
    expect(row).toHaveTextContent('Berita Pedamaran');
    expect(row).toHaveTextContent('Aktif');
    expect(row).toHaveTextContent('15/03/2026 s.d. 31/12/2026');
    expect(within(row).getAllByRole('cell').slice(-2).map((cell) => cell.textContent)).toEqual([rp('16.800.000'), rp('14.000.000')]);
    expect(within(table).getByRole('link', { name: draft.number })).toBeInTheDocument();
    // An auditor drafts nothing.
    expect(screen.queryByRole('link', { name: 'Perjanjian baru' })).not.toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole('button', { name: 'Hapus filter' }));
    await waitFor(() => {
      expect(app.address()).toBe('/agreements');
    });
    await waitFor(() => {
      expect(new URLSearchParams(listed(seen).at(-1)?.search).get('fiscal_year')).toBe(String(jakartaYear()));
    });
  });

  it('leads officers to drafting a new agreement for the year shown', async () => {
    agreementsServer({ who: officer });
    renderApp('/agreements?year=2026');
    expect(await screen.findByRole('link', { name: 'Perjanjian baru' })).toHaveAttribute('href', '/agreements/new?year=2026');
  });
});
