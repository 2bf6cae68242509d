import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import i18n from '../../i18n';
import { me, pathOf, problem, tokenPair, json } from '../../test/http';
import { renderApp } from '../../test/render';
import { storedItems } from '../../test/storage';

afterEach(async () => {
  // Unmount first: the session and language resets below would otherwise update a live tree.
  cleanup();
  api.session.clear(null);
  api.dispose();
  await i18n.changeLanguage('id');
});

async function submit(username: string, password: string) {
  const user = userEvent.setup();
  // The sign-in page loads lazily, as every area does.
  await user.type(await screen.findByLabelText('Nama pengguna'), username);
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
    // The alert is there already, in Indonesian: wait for its text to change, not for it to exist.
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Wrong username or password.'));
    expect(await screen.findByLabelText('Username')).toBeInTheDocument();
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
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Masuk' }));
    expect(await screen.findAllByText('Wajib diisi.')).toHaveLength(2);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('signs in and goes back to the page that asked for it', async () => {
    const fetch = vi.fn((request: Request) => {
      const path = pathOf(request);
      if (path === '/api/v1/auth/login') return Promise.resolve(json(200, tokenPair('access-1')));
      if (path === '/api/v1/me') return Promise.resolve(json(200, me));
      if (path === '/api/v1/units') return Promise.resolve(json(200, { items: [me.unit], next_cursor: null }));
      return Promise.resolve(problem(404, 'not_found'));
    });
    vi.stubGlobal('fetch', fetch);
    renderApp('/units');
    // Redirected to the login page first.
    await submit('oki.admin', 'correct horse battery');
    expect(await screen.findByRole('heading', { level: 1, name: 'Unit kerja' })).toBeInTheDocument();
    expect(screen.getByText('Pemerintah Kabupaten Ogan Komering Ilir')).toBeInTheDocument();
    // The login asks for the cookie (no refresh_token_delivery); only the session flag is kept.
    const login = fetch.mock.calls.map(([request]) => request).find((request) => pathOf(request) === '/api/v1/auth/login')!;
    expect(await login.clone().json()).toEqual({ username: 'oki.admin', password: 'correct horse battery' });
    expect(storedItems()).toEqual({ 'mitra.session': '1' });
  });
});

describe('after a reload', () => {
  /** A server whose refresh answers after `release()`: `accept` with a new token, or refusing. */
  function reloadedSession(accept: boolean) {
    let release!: () => void;
    const answered = new Promise<void>((resolve) => {
      release = resolve;
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const path = pathOf(request);
        if (path === '/api/v1/auth/refresh') {
          await answered;
          return accept ? json(200, tokenPair('access-2')) : problem(401, 'invalid_refresh_token');
        }
        if (path === '/api/v1/me') return json(200, me);
        if (path === '/api/v1/units') return json(200, { items: [me.unit], next_cursor: null });
        return problem(404, 'not_found');
      }),
    );
    // What a signed-in tab left behind: the flag, and (in the browser) the HttpOnly cookie.
    localStorage.setItem('mitra.session', '1');
    return { release };
  }

  it('waits for the session cookie instead of showing the login page, then opens the page', async () => {
    const server = reloadedSession(true);
    const stop = api.start();
    renderApp('/units');
    expect(await screen.findByLabelText('Memuat…')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Masuk' })).not.toBeInTheDocument();
    server.release();
    expect(await screen.findByRole('heading', { level: 1, name: 'Unit kerja' })).toBeInTheDocument();
    stop();
  });

  it('shows the login page once the cookie is refused, and forgets the flag', async () => {
    const server = reloadedSession(false);
    const stop = api.start();
    renderApp('/units');
    expect(await screen.findByLabelText('Memuat…')).toBeInTheDocument();
    server.release();
    expect(await screen.findByRole('button', { name: 'Masuk' })).toBeInTheDocument();
    expect(screen.getByText('Sesi Anda telah berakhir. Silakan masuk lagi.')).toBeInTheDocument();
    expect(localStorage.getItem('mitra.session')).toBeNull();
    stop();
  });
});
