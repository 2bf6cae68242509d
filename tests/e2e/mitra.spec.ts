import { expect, login, submitLogin, test } from './fixtures';

test('(a) the demo admin signs in and sees the app shell', async ({ page, admin }) => {
  await login(page, admin);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Selamat datang, / })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
  // The navigation shows only the areas that exist, and the administrator may open them all.
  await expect(nav.getByRole('link')).toHaveText(['Dasbor', 'Unit kerja', 'Kebijakan', 'Pengguna', 'Log audit']);
  await expect(page.getByRole('region', { name: 'Peran' })).toHaveText(/Administrator/);
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();

  await nav.getByRole('link', { name: 'Unit kerja', exact: true }).click();
  await expect(page).toHaveURL(/\/units$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Unit kerja' })).toBeVisible();
  // The demo organisation starts with its Diskominfo.
  const units = page.getByRole('table', { name: 'Unit kerja' });
  await expect(units.getByText('DISKOMINFO', { exact: true })).toBeVisible();

  // A reload keeps the session (the session cookie renews the access token).
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Unit kerja' })).toBeVisible();
  await expect(units.getByText('DISKOMINFO', { exact: true })).toBeVisible();
});

test('(b) an admin creates a user, who can then sign in', async ({ page, admin }) => {
  const username = `e2e.petugas.${Date.now().toString(36)}`;
  const password = 'kata-sandi-e2e-2025';
  await login(page, admin);
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pengguna' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pengguna' })).toBeVisible();

  await page.getByRole('button', { name: 'Tambah pengguna' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tambah pengguna' });
  await dialog.getByLabel('Nama pengguna').fill(username);
  await dialog.getByLabel('Nama lengkap').fill('Petugas Uji E2E');
  await dialog.getByLabel('Email').fill(`${username}@okikab.go.id`);
  await dialog.getByLabel('Kata sandi awal').fill(password);
  await dialog.getByRole('button', { name: 'Simpan' }).click();

  await expect(page.getByText(`Pengguna ${username} telah dibuat.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('table', { name: 'Pengguna' }).getByRole('row').filter({ hasText: username });
  await expect(row).toContainText('Petugas Uji E2E');
  await expect(row).toContainText('Petugas');
  await expect(row).toContainText('Aktif');

  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText('Anda telah keluar.')).toBeVisible();

  await login(page, { username, password });
  await expect(page.getByRole('heading', { level: 1, name: 'Selamat datang, Petugas Uji E2E' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Peran' })).toHaveText(/Petugas/);
  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
  await expect(nav.getByRole('link', { name: 'Unit kerja' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Pengguna' })).toHaveCount(0);
});

test('(c) a wrong password shows the translated Indonesian message', async ({ page }) => {
  await submitLogin(page, { username: 'oki.auditor', password: 'definitely-not-the-password' });
  await expect(page.getByRole('alert')).toContainText('Nama pengguna atau kata sandi salah.');
  await expect(page).toHaveURL(/\/login$/);
});

test('(d) switching to English translates labels and messages, and is remembered', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Masuk ke Mitra' })).toBeVisible();
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Mitra' })).toBeVisible();
  await page.getByLabel('Username').fill('oki.auditor');
  await page.getByLabel('Password', { exact: true }).fill('definitely-not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong username or password.');

  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('(e) the audit log shows the sign-in and its chain verifies', async ({ page, admin }) => {
  await login(page, admin);
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Log audit' }).click();
  const table = page.getByRole('table', { name: 'Log audit' });
  // The action by its name, and by its code below it.
  const signIn = table.getByRole('row').filter({ hasText: 'session.login' }).first();
  await expect(signIn).toContainText('Pengguna masuk');
  await page.getByRole('button', { name: 'Periksa rantai' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rantai audit utuh' })).toBeVisible();
});

test('(f) unknown routes show the translated 404 page', async ({ page, admin }) => {
  await login(page, admin);
  await page.goto('/tidak-ada');
  await expect(page.getByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeVisible();
});

test('(g) no script can read the refresh token, and a reload keeps the session', async ({ page, context, admin }) => {
  await login(page, admin);
  const refreshCookie = async () => (await context.cookies()).find((cookie) => cookie.name === 'mitra_refresh');
  const cookie = await refreshCookie();
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
  const token = cookie?.value ?? '';
  expect(token).not.toBe('');

  const stored = async () => (await context.storageState()).origins.flatMap((origin) => origin.localStorage);
  // Only the flag that a session may exist: neither token (a JWT starts with "eyJ") nor the cookie.
  expect(await stored()).toContainEqual({ name: 'mitra.session', value: '1' });
  for (const { name, value } of await stored()) {
    expect(`${name}=${value}`).not.toMatch(/token|refresh|eyJ/i);
    expect(value).not.toContain(token);
  }
  const scriptCookies = await page.evaluate<string>('document.cookie');
  expect(scriptCookies).not.toContain('mitra_refresh');
  expect(scriptCookies).not.toContain(token);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /^Selamat datang, / })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
  // The reload spent the cookie for a new one.
  expect((await refreshCookie())?.value).not.toBe(token);

  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect.poll(refreshCookie).toBeUndefined();
  expect(await stored()).not.toContainEqual({ name: 'mitra.session', value: '1' });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Masuk' })).toBeVisible();
});

test('(h) an auditor reads the users list but has no way to change it', async ({ page, auditor }) => {
  await login(page, auditor);
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pengguna' }).click();
  const users = page.getByRole('table', { name: 'Pengguna' });
  await expect(users.getByRole('row').filter({ hasText: auditor.username })).toContainText('Auditor');
  await expect(page.getByRole('button', { name: 'Tambah pengguna' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Aksi untuk / })).toHaveCount(0);
});

test('(i) an admin changes a price on the rate card, and the new price stays after a reload', async ({ page, admin }) => {
  await login(page, admin);
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Kebijakan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kebijakan' })).toBeVisible();
  // The demo organisation starts the year in progress on the OKI standard.
  await expect(page.getByRole('heading', { level: 2, name: /^Tahun Anggaran \d{4} revisi 1$/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Standar harga' }).click();

  const online = page.getByRole('table', { name: 'Standar harga Media siber' });
  const advertorial = online.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Advertorial/ }) });
  await expect(advertorial).toContainText(/Rp\s2\.000\.000/);

  await page.getByRole('button', { name: 'Ubah standar harga' }).click();
  const price = page.getByRole('textbox', { name: 'Harga Advertorial, Golongan C, Media siber' });
  await price.fill('654.321');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText(/^Kebijakan Tahun Anggaran \d{4} revisi 1 telah disimpan\.$/)).toBeVisible();
  await expect(advertorial).toContainText(/Rp\s654\.321/);

  // The address keeps the tab, and the server kept the price.
  await page.reload();
  await expect(page).toHaveURL(/[?&]tab=rates/);
  await expect(advertorial).toContainText(/Rp\s654\.321/);
  await expect(advertorial).toContainText(/Rp\s2\.000\.000/);
});
