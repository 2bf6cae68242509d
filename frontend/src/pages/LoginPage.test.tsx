import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../api/client';
import i18n from '../i18n';
import { me, pathOf, problem, tokenPair, json } from '../test/http';
import { renderApp } from '../test/render';

afterEach(async () => {
  // Unmount first: the session and language resets below would otherwise update a live tree.
  cleanup();
  api.session.clear(null);
  api.dispose();
  await i18n.changeLanguage('id');
});

async function submit(username: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Nama pengguna'), username);
  await user.type(screen.getByLabelText('Kata sandi'), password);
  await user.click(screen.getByRole('button', { name: 'Masuk' }));
  return user;
}

describe('LoginPage', () => {
  it('shows the translated message for wrong credentials, never the server prose', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(problem(401, 'invalid_credentials'))));
    renderApp('/login');
    await submit('oki.admin', 'wrong password');
    expect(await screen.findByRole('alert')).toHaveTextContent('Nama pengguna atau kata sandi salah.');
    expect(screen.queryByText(/Server prose|Server detail/)).not.toBeInTheDocument();
  });

  it('shows the message in English after switching the language', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(problem(401, 'invalid_credentials'))));
    renderApp('/login');
    const user = await submit('oki.admin', 'wrong password');
    expect(await screen.findByRole('alert')).toHaveTextContent('Nama pengguna atau kata sandi salah.');
    await user.click(screen.getByText('EN'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
    expect(screen.getByLabelText('Username')).toBeInTheDocument();
    expect(localStorage.getItem('mitra.lang')).toBe('en');
  });

  it('shows the retry hint when there were too many attempts', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(problem(429, 'too_many_attempts', {}, { 'Retry-After': '45' }))));
    renderApp('/login');
    await submit('oki.admin', 'whatever');
    expect(await screen.findByRole('alert')).toHaveTextContent('Terlalu banyak percobaan masuk. Coba lagi nanti. Coba lagi dalam 45 detik.');
  });

  it('asks for both fields before calling the server', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderApp('/login');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Masuk' }));
    expect(await screen.findAllByText('Wajib diisi.')).toHaveLength(2);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('signs in and goes back to the page that asked for it', async () => {
    const fetch = vi.fn((request: Request) => {
      const path = pathOf(request);
      if (path === '/api/v1/auth/login') return Promise.resolve(json(200, tokenPair('access-1', 'refresh-1')));
      if (path === '/api/v1/me') return Promise.resolve(json(200, me));
      return Promise.resolve(problem(404, 'not_found'));
    });
    vi.stubGlobal('fetch', fetch);
    renderApp('/budget');
    // Redirected to the login page first.
    await submit('oki.admin', 'correct horse battery');
    expect(await screen.findByRole('heading', { level: 1, name: 'Anggaran' })).toBeInTheDocument();
    expect(screen.getByText('Pemerintah Kabupaten Ogan Komering Ilir')).toBeInTheDocument();
    expect(localStorage.getItem('mitra.refresh_token')).toBe('refresh-1');
  });
});
