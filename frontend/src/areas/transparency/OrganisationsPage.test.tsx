import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { json } from '../../test/http';
import { renderApp } from '../../test/render';
import { MUBA, OKI, PALEMBANG, publicRequests, publicServer } from './fixtures';

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

describe('The public organisations', () => {
  it('links to each organisation that publishes its partnerships, outside the app shell', async () => {
    const seen = publicServer();
    renderApp('/public');
    expect(await screen.findByRole('heading', { level: 1, name: 'Transparansi kemitraan media' })).toBeInTheDocument();
    const links = within(await screen.findByRole('list', { name: 'Instansi' })).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      [OKI.name, '/public/oki'],
      [PALEMBANG.name, '/public/palembang'],
      [MUBA.name, '/public/muba'],
    ]);
    expect(screen.getByRole('link', { name: 'Masuk (petugas)' })).toHaveAttribute('href', '/login');
    expect(screen.getByRole('radiogroup', { name: 'Bahasa' })).toBeInTheDocument();
    // No navigation of the app: a reader without a session sees the public page alone.
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    expect(publicRequests(seen)).toEqual(['/api/v1/public/organisations']);
    expect(seen.some((request) => request.path === '/api/v1/me')).toBe(false);
  });

  it('leads to an organisation\'s newest year', async () => {
    publicServer();
    const app = renderApp('/public');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: OKI.name }));
    expect(await screen.findByRole('table', { name: 'Perjanjian Tahun Anggaran 2026' })).toBeInTheDocument();
    expect(app.address()).toBe('/public/oki/2026');
  });

  it('says so when an organisation has published no year yet', async () => {
    publicServer();
    const app = renderApp('/public/muba');
    expect(await screen.findByText(`${MUBA.name} belum menerbitkan perjanjian apa pun. Silakan kembali lagi nanti.`)).toBeInTheDocument();
    expect(app.address()).toBe('/public/muba');
    expect(screen.getByRole('banner')).toHaveTextContent(MUBA.name);
  });

  it('says an unknown organisation is not found', async () => {
    publicServer();
    renderApp('/public/nowhere');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tidak ditemukan' })).toBeInTheDocument();
  });

  it('says so when no organisation publishes yet', async () => {
    publicServer({ handle: (request) => (request.path === '/api/v1/public/organisations' ? json(200, []) : undefined) });
    renderApp('/public');
    expect(await screen.findByText('Belum ada instansi yang menerbitkan kemitraannya di sini.')).toBeInTheDocument();
  });

  it('is reached from the sign-in page', async () => {
    publicServer();
    const app = renderApp('/login');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Halaman transparansi publik' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Transparansi kemitraan media' })).toBeInTheDocument();
    expect(app.address()).toBe('/public');
  });
});
