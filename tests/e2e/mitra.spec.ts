import { expect, login, submitLogin, test } from './fixtures';

test('(a) the demo admin signs in and sees the app shell', async ({ page, admin }) => {
  await login(page, admin);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Selamat datang, / })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
  // The navigation shows only the areas that exist, and the administrator may open them all.
  await expect(nav.getByRole('link')).toHaveText(['Dasbor', 'Unit kerja', 'Kebijakan', 'Registri Pers', 'Pengguna', 'Log audit']);
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

test('(j) an officer registers a company and its outlet, and reads the outlet\'s eligibility rule by rule', async ({ page, officer }) => {
  const stamp = Date.now().toString();
  const legalName = `PT Uji Pers ${stamp.slice(-6)}`;
  const outletName = `Uji Terkini ${stamp.slice(-6)}`;
  // A fresh 16-digit NPWP each run: an entity's is 0 followed by 15 digits.
  const npwp = `0${stamp.padStart(15, '7').slice(-15)}`;
  await login(page, officer);
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Registri Pers' }).click();
  await expect(page).toHaveURL(/\/registry\/companies$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Registri Pers' })).toBeVisible();
  // The demo registry is there to work on.
  await expect(page.getByRole('table', { name: 'Perusahaan pers' }).getByRole('link', { name: 'PT Kayuagung Media Utama' })).toBeVisible();

  await page.getByRole('button', { name: 'Daftarkan perusahaan' }).click();
  const companyDialog = page.getByRole('dialog', { name: 'Daftarkan perusahaan pers' });
  await companyDialog.getByLabel('Nama badan hukum').fill(legalName);
  await companyDialog.getByRole('combobox', { name: 'Bentuk badan usaha' }).click();
  await page.getByRole('option', { name: 'Perseroan Terbatas (PT)' }).click();
  await companyDialog.getByLabel('NPWP').fill(npwp);
  await companyDialog.getByLabel('Jumlah karyawan').fill('7');
  await companyDialog.getByLabel('Modal disetor').fill('75.000.000');
  await companyDialog.getByRole('button', { name: 'Simpan' }).click();

  await expect(page.getByText(`${legalName} telah didaftarkan.`)).toBeVisible();
  await expect(page).toHaveURL(/\/registry\/companies\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: legalName })).toBeVisible();
  const profile = page.getByRole('table', { name: 'Kontak dan kapasitas usaha' });
  await expect(profile.getByRole('row', { name: /Modal disetor/ })).toContainText(/Rp\s75\.000\.000/);

  await page.getByRole('tab', { name: 'Media' }).click();
  await page.getByRole('button', { name: 'Tambah media' }).click();
  const outletDialog = page.getByRole('dialog', { name: 'Daftarkan media' });
  await outletDialog.getByRole('combobox', { name: 'Jenis media' }).click();
  await page.getByRole('option', { name: 'Media siber' }).click();
  await outletDialog.getByLabel('Nama media').fill(outletName);
  await outletDialog.getByLabel('Kunjungan per bulan').fill('12.000');
  await outletDialog.getByRole('button', { name: 'Simpan' }).click();

  await expect(page.getByText(`Media ${outletName} telah didaftarkan.`)).toBeVisible();
  await expect(page).toHaveURL(/\/registry\/outlets\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: outletName })).toBeVisible();

  // Judged by the demo's policy for the year in progress: the form passes, what nobody recorded
  // yet is missing, and so the new outlet is not eligible.
  const eligibility = page.getByRole('region', { name: 'Kelayakan' });
  await expect(eligibility.getByRole('status')).toContainText(/^Tidak layak untuk Tahun Anggaran \d{4}/);
  const rules = eligibility.getByRole('table', { name: 'Penilaian per syarat' });
  const rule = (name: string) => rules.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
  await expect(rule('Berbadan hukum PT, yayasan atau koperasi')).toContainText('Memenuhi');
  await expect(rule('Berbadan hukum PT, yayasan atau koperasi')).toContainText('Perseroan Terbatas (PT)');
  await expect(rule('Paling sedikit 5 karyawan')).toContainText('7 karyawan');
  await expect(rule('Status Dewan Pers memenuhi minimum')).toContainText('Data belum lengkap');
  await expect(rule('Status Dewan Pers memenuhi minimum')).toContainText('Belum tercatat');

  // The demo's verified online outlet passes every rule, each shown with its evidence.
  await page.goto('/registry/outlets?q=Kayuagung%20Terkini');
  await page.getByRole('table', { name: 'Media' }).getByRole('link', { name: 'Kayuagung Terkini' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kayuagung Terkini' })).toBeVisible();
  await expect(eligibility.getByRole('status')).toContainText(/^Layak untuk Tahun Anggaran \d{4}/);
  await expect(rule('Pemimpin redaksi berkompetensi wartawan utama')).toContainText('Pemimpin redaksi: Wartawan Utama');
  await expect(rule('Modal disetor')).toContainText(/Rp\s250\.000\.000/);
});
