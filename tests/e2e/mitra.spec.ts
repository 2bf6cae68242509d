import { expect, login, submitLogin, test } from './fixtures';

test('(a) the demo admin signs in and sees the app shell', async ({ page, admin }) => {
  await login(page, admin);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Selamat datang, / })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
  for (const area of ['Dasbor', 'Kebijakan', 'Registri media', 'Pengajuan', 'Anggaran', 'Perjanjian', 'Pesanan', 'Keuangan', 'Laporan', 'Pengguna', 'Log audit']) {
    await expect(nav.getByRole('link', { name: area, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Peran' })).toHaveText(/Administrator/);
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();

  // An area that is not built yet says so.
  await nav.getByRole('link', { name: 'Anggaran', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Anggaran' })).toBeVisible();
  await expect(page.getByText('Belum tersedia', { exact: true })).toBeVisible();

  // A reload keeps the session (the refresh token renews the access token).
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Anggaran' })).toBeVisible();
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
  await expect(nav.getByRole('link', { name: 'Pesanan' })).toBeVisible();
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
  await expect(table.getByText('session.login').first()).toBeVisible();
  await page.getByRole('button', { name: 'Periksa rantai' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rantai audit utuh' })).toBeVisible();
});

test('(f) unknown routes show the translated 404 page', async ({ page, admin }) => {
  await login(page, admin);
  await page.goto('/tidak-ada');
  await expect(page.getByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeVisible();
});
