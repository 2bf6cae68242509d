import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../api/client';
import { fakeServer, json, me, tokenPair } from '../test/http';
import { renderApp } from '../test/render';

const officer = { ...me, role: 'officer', permissions: ['organisation.read', 'units.read'] };

function serveAs(who: typeof me) {
  return fakeServer((request) => (request.path === '/api/v1/me' ? json(200, who) : undefined));
}

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

function navLinks() {
  const nav = screen.getByRole('navigation', { name: 'Navigasi utama' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent);
}

describe('App shell', () => {
  it('shows administration only to those allowed, and the dashboard facts from /me', async () => {
    serveAs(officer);
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Selamat datang, Admin OKI' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Navigasi utama' });
    expect(within(nav).getByRole('link', { name: 'Unit kerja' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Pengguna' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Log audit' })).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Peran' })).toHaveTextContent('Petugas');
    expect(screen.getByRole('region', { name: 'Unit kerja' })).toHaveTextContent('DISKOMINFO — Dinas Komunikasi dan Informatika');
    const access = within(screen.getByRole('region', { name: 'Izin akses' })).getAllByRole('listitem');
    expect(access.map((item) => item.textContent)).toEqual(['Melihat data organisasi', 'Melihat unit kerja']);
  });

  it('lists every area an administrator may open, in the order of the registry', async () => {
    serveAs(me);
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Selamat datang, Admin OKI' });
    expect(navLinks()).toEqual(['Dasbor', 'Unit kerja', 'Kebijakan', 'Registri Pers', 'Pengajuan Kemitraan', 'Pengguna', 'Log audit']);
    expect(screen.getByText('Administrasi')).toBeInTheDocument();
  });

  it('lists only the areas an officer may open, without the administration group', async () => {
    serveAs(officer);
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Selamat datang, Admin OKI' });
    expect(navLinks()).toEqual(['Dasbor', 'Unit kerja']);
    expect(screen.queryByText('Administrasi')).not.toBeInTheDocument();
  });

  it('shows an auditor the administration areas they may read', async () => {
    serveAs({ ...me, role: 'auditor', permissions: ['organisation.read', 'units.read', 'users.read', 'audit.read'] });
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Selamat datang, Admin OKI' });
    expect(navLinks()).toEqual(['Dasbor', 'Unit kerja', 'Pengguna', 'Log audit']);
  });

  it('refuses the press registry without registry.read', async () => {
    serveAs(officer);
    renderApp('/registry/companies');
    expect(await screen.findByRole('heading', { name: 'Akses ditolak' })).toBeInTheDocument();
  });

  it('refuses the users page without users.read', async () => {
    serveAs({ ...me, permissions: [] });
    renderApp('/users');
    expect(await screen.findByRole('heading', { name: 'Akses ditolak' })).toBeInTheDocument();
  });

  it('refuses an officer who types the address of the users page or the audit log', async () => {
    const seen = serveAs(officer);
    renderApp('/users');
    expect(await screen.findByRole('heading', { name: 'Akses ditolak' })).toBeInTheDocument();
    cleanup();
    renderApp('/audit');
    expect(await screen.findByRole('heading', { name: 'Akses ditolak' })).toBeInTheDocument();
    // Refused before asking: the server would only have said forbidden.
    expect(seen.filter((s) => s.path !== '/api/v1/me')).toEqual([]);
  });

  it('opens an area from the navigation', async () => {
    serveAs(officer);
    const app = renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Selamat datang, Admin OKI' });
    await userEvent.setup().click(screen.getByRole('link', { name: 'Unit kerja' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Unit kerja' })).toBeInTheDocument();
    expect(app.address()).toBe('/units');
  });

  it('shows a translated 404 for unknown routes', async () => {
    serveAs(me);
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeInTheDocument();
  });

  it('shows a translated 404 for an unknown page inside an area', async () => {
    serveAs(me);
    renderApp('/units/no-such-page');
    expect(await screen.findByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeInTheDocument();
  });
});
