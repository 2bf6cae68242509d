import { deflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, login, submitLogin, test, type Login } from './fixtures';

test('(a) the demo admin signs in and sees the app shell', async ({ page, admin }) => {
  await login(page, admin);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: /^Selamat datang, / })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
  // The navigation shows only the areas that exist, and the administrator may open them all.
  await expect(nav.getByRole('link')).toHaveText([
    'Dasbor',
    'Unit kerja',
    'Kebijakan',
    'Registri Pers',
    'Pengajuan Kemitraan',
    'Anggaran',
    'Perjanjian',
    'Pesanan',
    'Bank Konten',
    'Bukti Tayang',
    'Keuangan',
    'Laporan',
    'Riwayat impor',
    'Pengguna',
    'Log audit',
    'Kop surat',
  ]);
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
  // The demo organisation starts the year in progress on the OKI standard, which its decisions
  // already used: it is frozen, and a change goes into a new revision.
  await expect(page.getByRole('heading', { level: 2, name: /^Tahun Anggaran \d{4} revisi 1$/ })).toBeVisible();
  await expect(page.getByText(/isinya tidak dapat diubah lagi/)).toBeVisible();
  await page.getByRole('button', { name: 'Salin menjadi revisi baru' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Salin', exact: true }).click();
  await expect(page.getByText(/^Kebijakan Tahun Anggaran \d{4} revisi 2 telah dibuat\.$/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Tahun Anggaran \d{4} revisi 2$/ })).toBeVisible();
  await page.getByRole('tab', { name: 'Standar harga' }).click();

  const online = page.getByRole('table', { name: 'Standar harga Media siber' });
  const advertorial = online.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Advertorial/ }) });
  await expect(advertorial).toContainText(/Rp\s2\.000\.000/);

  await page.getByRole('button', { name: 'Ubah standar harga' }).click();
  const price = page.getByRole('textbox', { name: 'Harga Advertorial, Golongan C, Media siber' });
  await price.fill('654.321');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText(/^Kebijakan Tahun Anggaran \d{4} revisi 2 telah disimpan\.$/)).toBeVisible();
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

// ---- the yearly call ---------------------------------------------------------------------------

/** A small valid PDF naming what it stands for, padded with comment lines up to `size` bytes. */
function pdf(title: string, size = 0): Buffer {
  const text = `BT /F1 14 Tf 72 720 Td (Dokumen uji e2e: ${title}) Tj ET`;
  let body =
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ' +
    '/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >> endobj\n' +
    `4 0 obj << /Length ${text.length} >> stream\n${text}\nendstream endobj\n`;
  const line = `%${'0'.repeat(78)}\n`;
  while (body.length + line.length < size) body += line;
  return Buffer.from(`${body}trailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A small valid PNG of one colour: the 8-byte signature, IHDR, IDAT and the IEND chunk. */
function png(width = 8, height = 8): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  // Each row: filter byte 0, then RGB pixels.
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([0x1c, 0x7e, 0xd6]))]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An access token for calling the API from the test, as the web app's own login gets one. */
async function apiToken(request: APIRequestContext, { username, password }: Login): Promise<string> {
  const response = await request.post('/api/v1/auth/login', { data: { username, password } });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { access_token: string }).access_token;
}

interface RequirementView {
  requirement: { code: string; label: { id: string }; mandatory: boolean; needs_expiry: boolean; file_types: string[] };
}

/** A date `years` from today, as a date input takes it. */
function yearsFromNow(years: number): string {
  const day = new Date();
  day.setUTCFullYear(day.getUTCFullYear() + years);
  return day.toISOString().slice(0, 10);
}

test('(k) an officer registers a company and its outlet and hands in its documents; a verifier reviews, scores and visits it; an administrator approves it', async ({
  browser,
  baseURL,
  page,
  request,
  officer,
  verifier,
  admin,
}) => {
  test.setTimeout(300_000);
  const stamp = Date.now().toString();
  const legalName = `PT Kemitraan Uji ${stamp.slice(-6)}`;
  const outletName = `Kemitraan Terkini ${stamp.slice(-6)}`;
  const npwp = `0${stamp.padStart(15, '3').slice(-15)}`;
  // A NIK carries its holder's birth date (DDMMYY) after the six digits of the region.
  const nik = `16${stamp.slice(-4)}150585${stamp.slice(-8, -4)}`;

  // The officer registers an eligible press company through the registry.
  await login(page, officer);
  await page.goto('/registry/companies');
  await page.getByRole('button', { name: 'Daftarkan perusahaan' }).click();
  const companyDialog = page.getByRole('dialog', { name: 'Daftarkan perusahaan pers' });
  await companyDialog.getByLabel('Nama badan hukum').fill(legalName);
  await companyDialog.getByRole('combobox', { name: 'Bentuk badan usaha' }).click();
  await page.getByRole('option', { name: 'Perseroan Terbatas (PT)' }).click();
  await companyDialog.getByLabel('NPWP').fill(npwp);
  await companyDialog.getByLabel('Jumlah karyawan').fill('9');
  await companyDialog.getByLabel('Modal disetor').fill('100.000.000');
  await companyDialog.getByRole('combobox', { name: 'Kantor atau biro di daerah' }).click();
  await page.getByRole('option', { name: 'Ada', exact: true }).click();
  await companyDialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: legalName })).toBeVisible();

  // Its editor-in-chief of this year, certified at the senior level.
  await page.getByRole('tab', { name: 'Susunan redaksi' }).click();
  await page.getByRole('button', { name: 'Tambah anggota redaksi' }).click();
  const personDialog = page.getByRole('dialog', { name: /^Tambah anggota redaksi tahun anggaran/ });
  await personDialog.getByLabel('NIK').fill(nik);
  await personDialog.getByLabel('Nama lengkap').fill('Rahmawati Uji');
  await personDialog.getByRole('combobox', { name: 'Jabatan di redaksi' }).click();
  await page.getByRole('option', { name: 'Pemimpin redaksi' }).click();
  await personDialog.getByRole('combobox', { name: 'Jenjang kompetensi wartawan (UKW)' }).click();
  await page.getByRole('option', { name: 'Wartawan Utama' }).click();
  await personDialog.getByLabel('Nomor sertifikat kompetensi').fill(`UKW-UTAMA-${stamp.slice(-6)}`);
  await personDialog.getByLabel('Tanggal sertifikat').fill('2022-05-10');
  await personDialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(personDialog).toBeHidden();

  // Its standing with the Press Council, valid for years to come.
  await page.getByRole('tab', { name: 'Pemeriksaan Dewan Pers' }).click();
  await page.getByRole('button', { name: 'Catat pemeriksaan' }).click();
  const checkDialog = page.getByRole('dialog', { name: `Catat pemeriksaan Dewan Pers untuk ${legalName}` });
  await checkDialog.getByRole('combobox', { name: 'Status Dewan Pers' }).click();
  await page.getByRole('option', { name: 'Terverifikasi administratif' }).click();
  await checkDialog.getByLabel('Berlaku sampai').fill(yearsFromNow(3));
  await checkDialog.getByLabel('Bukti pemeriksaan').fill('Data perusahaan pers di situs Dewan Pers');
  await checkDialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(checkDialog).toBeHidden();

  // Its online outlet, publishing for years.
  await page.getByRole('tab', { name: 'Media' }).click();
  await page.getByRole('button', { name: 'Tambah media' }).click();
  const outletDialog = page.getByRole('dialog', { name: 'Daftarkan media' });
  await outletDialog.getByRole('combobox', { name: 'Jenis media' }).click();
  await page.getByRole('option', { name: 'Media siber' }).click();
  await outletDialog.getByLabel('Nama media').fill(outletName);
  await outletDialog.getByLabel('Terbit pertama kali').fill('2019-01-15');
  await outletDialog.getByLabel('Kunjungan per bulan').fill('45.000');
  await outletDialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: outletName })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Kelayakan' }).getByRole('status')).toContainText(/^Layak untuk Tahun Anggaran \d{4}/);

  // The officer opens its application in this year's open window.
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pengajuan Kemitraan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pengajuan Kemitraan' })).toBeVisible();
  // The demo's applications are there to work on.
  const list = page.getByRole('table', { name: /^Pengajuan Tahun Anggaran \d{4}$/ });
  await expect(list.getByRole('row').filter({ hasText: 'Kayuagung Terkini' })).toContainText('Sedang diperiksa');
  await expect(list.getByRole('row').filter({ hasText: 'Ogan Ilir Pos' })).toContainText('Perlu perbaikan');
  await page.getByRole('button', { name: 'Pengajuan baru' }).click();
  const newDialog = page.getByRole('dialog', { name: 'Pengajuan kemitraan baru' });
  await newDialog.getByRole('combobox', { name: 'Media' }).fill(outletName);
  await page.getByRole('option', { name: new RegExp(`^${outletName}`) }).click();
  await newDialog.getByRole('button', { name: 'Buat pengajuan' }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}$/);
  const applicationPath = new URL(page.url()).pathname;
  const applicationId = applicationPath.split('/').pop() ?? '';
  await expect(page.getByRole('heading', { level: 1, name: outletName })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Langkah berikutnya' }).getByRole('button')).toHaveText(['Ajukan', 'Tarik kembali']);

  // Nothing handed in yet: the readiness panel says what is missing, in words.
  const readiness = page.getByRole('region', { name: 'Kesiapan' });
  const blockers = readiness.getByRole('list', { name: 'Yang menghalangi' });
  await expect(blockers).toContainText('Dokumen wajib belum diunggah: Surat permohonan kerja sama dan penawaran harga');
  await expect(readiness.getByRole('status')).toContainText('Belum siap: 17 hal menghalangi');

  // Most documents go in through the API, as a scanner station would send them.
  const officerToken = await apiToken(request, officer);
  const judged = await request.get(`/api/v1/applications/${applicationId}/readiness`, { headers: { Authorization: `Bearer ${officerToken}` } });
  const mandatory = ((await judged.json()) as { requirements: RequirementView[] }).requirements.filter(({ requirement }) => requirement.mandatory);
  expect(mandatory).toHaveLength(15);
  const byUi = 'surat_permohonan';
  for (const { requirement } of mandatory.filter(({ requirement }) => requirement.code !== byUi)) {
    const picture = requirement.file_types.includes('png') && requirement.code === 'foto_kantor';
    const uploaded = await request.post(`/api/v1/applications/${applicationId}/documents/${requirement.code}`, {
      headers: { Authorization: `Bearer ${officerToken}` },
      multipart: {
        ...(requirement.needs_expiry ? { expires_on: yearsFromNow(2) } : {}),
        file: picture
          ? { name: `${requirement.code}.png`, mimeType: 'image/png', buffer: png() }
          : { name: `${requirement.code}.pdf`, mimeType: 'application/pdf', buffer: pdf(requirement.code) },
      },
    });
    expect(uploaded.status(), requirement.code).toBe(201);
  }
  await readiness.getByRole('button', { name: 'Periksa ulang' }).click();
  await expect(blockers.getByRole('listitem').filter({ hasText: 'Dokumen wajib belum diunggah' })).toHaveText([
    'Dokumen wajib belum diunggah: Surat permohonan kerja sama dan penawaran harga',
  ]);

  // The last one through the page, watching its upload go, on a slow line.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
  await page.getByRole('button', { name: 'Unggah Surat permohonan kerja sama dan penawaran harga', exact: true }).click();
  const uploadDialog = page.getByRole('dialog', { name: 'Unggah: Surat permohonan kerja sama dan penawaran harga' });
  await uploadDialog.getByLabel(/^Berkas( \*)?$/).setInputFiles({ name: 'surat-permohonan.pdf', mimeType: 'application/pdf', buffer: pdf('surat permohonan', 1_500_000) });
  await uploadDialog.getByRole('button', { name: 'Unggah' }).click();
  const progress = uploadDialog.getByRole('progressbar', { name: 'Kemajuan unggah' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuenow', /^[1-9]\d?$/);
  await expect(page.getByText('Berkas surat-permohonan.pdf untuk Surat permohonan kerja sama dan penawaran harga telah diunggah.')).toBeVisible({
    timeout: 30_000,
  });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(blockers.getByRole('listitem').filter({ hasText: 'Dokumen wajib belum diunggah' })).toHaveCount(0);
  await expect(blockers).toContainText('Dokumen belum diperiksa: Surat permohonan kerja sama dan penawaran harga');

  await page.getByRole('group', { name: 'Langkah berikutnya' }).getByRole('button', { name: 'Ajukan' }).click();
  const submitDialog = page.getByRole('dialog', { name: `Ajukan pengajuan ${outletName}?` });
  await submitDialog.getByRole('button', { name: 'Ajukan' }).click();
  await expect(page.getByText(`Pengajuan ${outletName} telah diajukan.`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: outletName }).locator('xpath=..')).toContainText('Diajukan');

  // The verifier takes it into review, scores it and records the site visit.
  const verifierContext = await browser.newContext({ baseURL, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const review = await verifierContext.newPage();
  await login(review, verifier);
  await review.goto(applicationPath);
  const steps = review.getByRole('group', { name: 'Langkah berikutnya' });
  await expect(steps.getByRole('button')).toHaveText(['Mulai pemeriksaan']);
  await steps.getByRole('button', { name: 'Mulai pemeriksaan' }).click();
  await review.getByRole('dialog', { name: `Mulai memeriksa pengajuan ${outletName}?` }).getByRole('button', { name: 'Mulai pemeriksaan' }).click();
  await expect(steps.getByRole('button')).toHaveText(['Minta perbaikan', 'Verifikasi', 'Tolak']);

  const score = review.getByRole('region', { name: 'Penilaian' });
  for (const [criterion, option] of [
    ['Kunjungan situs per bulan', '10.000 sampai 100.000 (30 poin)'],
    ['Frekuensi terbit atau tayang', 'Harian (30 poin)'],
    ['Usia media', 'Lebih dari 5 tahun (20 poin)'],
  ] as const) {
    await score.getByRole('combobox', { name: criterion }).click();
    await review.getByRole('option', { name: option }).click();
  }
  await expect(score.getByRole('status')).toHaveText('Jumlah 80 poin: Golongan A');
  await score.getByRole('button', { name: 'Simpan penilaian' }).click();
  await expect(review.getByText('Penilaian disimpan: Golongan A (80 poin).')).toBeVisible();

  const visit = review.getByRole('region', { name: 'Verifikasi faktual' });
  await visit.getByRole('button', { name: 'Catat verifikasi faktual' }).click();
  const visitDialog = review.getByRole('dialog', { name: `Verifikasi faktual ${outletName}` });
  await visitDialog.getByLabel(/^Tim( \*)?$/).fill('Rina Marlina\nAndi Saputra');
  await visitDialog.getByRole('button', { name: 'Tambah baris' }).click();
  await visitDialog.getByLabel('Yang diperiksa 1').fill('Kantor redaksi ada di alamat yang tercatat');
  await visitDialog.getByRole('radio', { name: /Data pengajuan terbukti/ }).check();
  await visitDialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(review.getByText(`Verifikasi faktual ${outletName} telah dicatat.`)).toBeVisible();
  await expect(visit).toContainText('Data pengajuan terbukti');
  await visit.getByLabel(/^Foto( \*)?$/).setInputFiles({ name: 'ruang-redaksi.png', mimeType: 'image/png', buffer: png(32, 24) });
  await visit.getByRole('button', { name: 'Unggah foto' }).click();
  await expect(review.getByText('Foto ruang-redaksi.png telah ditambahkan.')).toBeVisible();
  await expect(visit.getByRole('img', { name: 'Foto kunjungan ruang-redaksi.png' })).toBeVisible();

  // The verifier reviews the documents: the application stays blocked until the last one is accepted.
  const panel = review.getByRole('region', { name: 'Kesiapan' });
  const inTheWay = panel.getByRole('list', { name: 'Yang menghalangi' });
  const last = mandatory.find(({ requirement }) => requirement.code === 'pakta_integritas')?.requirement.label.id ?? '';
  for (const { requirement } of mandatory.filter(({ requirement }) => requirement.code !== 'pakta_integritas')) {
    const accept = review.getByRole('button', { name: `Terima ${requirement.label.id}`, exact: true });
    await accept.click();
    await expect(accept).toHaveCount(0);
  }
  await panel.getByRole('button', { name: 'Periksa ulang' }).click();
  await expect(panel.getByRole('status')).toHaveText(/^Belum siap: 1 hal menghalangi/);
  await expect(inTheWay.getByRole('listitem')).toHaveText([`Dokumen belum diperiksa: ${last}`]);
  await expect(panel.getByRole('table', { name: 'Penilaian per syarat' }).getByRole('row').filter({ hasText: 'Memenuhi' })).toHaveCount(6);

  await review.getByRole('button', { name: `Terima ${last}`, exact: true }).click();
  await expect(inTheWay).toHaveCount(0);
  await expect(panel.getByRole('status')).toContainText('Siap diverifikasi');
  await expect(panel).toContainText('15 dari 15 berkas wajib telah diterima.');

  await steps.getByRole('button', { name: 'Verifikasi' }).click();
  const verifyDialog = review.getByRole('dialog', { name: `Verifikasi pengajuan ${outletName}?` });
  await expect(verifyDialog).toContainText('Tidak ada yang menghalangi');
  await verifyDialog.getByRole('button', { name: 'Verifikasi' }).click();
  await expect(review.getByText(`Pengajuan ${outletName} telah diverifikasi.`)).toBeVisible();
  // Approving is the head of office's: the verifier may still reject, not approve.
  await expect(steps.getByRole('button')).toHaveText(['Tolak']);
  await verifierContext.close();

  // The administrator approves it.
  const adminContext = await browser.newContext({ baseURL, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const head = await adminContext.newPage();
  await login(head, admin);
  await head.goto(applicationPath);
  await expect(head.getByRole('region', { name: 'Kesiapan' }).getByRole('status')).toContainText('Siap disetujui');
  await head.getByRole('group', { name: 'Langkah berikutnya' }).getByRole('button', { name: 'Setujui' }).click();
  await head.getByRole('dialog', { name: `Setujui pengajuan ${outletName}?` }).getByRole('button', { name: 'Setujui' }).click();
  await expect(head.getByText(`Pengajuan ${outletName} telah disetujui.`)).toBeVisible();
  const history = head.getByRole('table', { name: 'Riwayat langkah' });
  await expect(history.getByRole('row')).toHaveCount(5);
  await expect(history.getByRole('row').last()).toContainText('Setujui');
  await expect(history.getByRole('row').last()).toContainText('Anda (Administrator Diskominfo)');

  await head.goto('/applications?state=approved');
  await expect(head.getByRole('table', { name: /^Pengajuan Tahun Anggaran/ }).getByRole('row').filter({ hasText: outletName })).toContainText('Golongan A');
  await adminContext.close();
});

// ---- from an agreement to a paid order -----------------------------------------------------------

/** The whole rupiah a text shows, e.g. "Rp 2.000.000" → 2000000n. */
function rupiahOf(text: string | null): bigint {
  const digits = (text ?? '').replace(/\D/g, '');
  if (digits === '') throw new Error(`no amount in ${JSON.stringify(text)}`);
  return BigInt(digits);
}

/** How the app writes an amount, as a pattern: "Rp 2.000.000" (any space after "Rp"). */
function rupiahText(amount: bigint): RegExp {
  return new RegExp(`^Rp\\s?${amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\\.')}$`);
}

/** Today, and now less a few minutes, in Jakarta: "2026-11-27", "2026-11-27T22:25". */
function jakartaNow(minutesAgo = 0): { day: string; minute: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(Date.now() - minutesAgo * 60_000))
      .map(({ type, value }) => [type, value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return { day, minute: `${day}T${parts.hour}:${parts.minute}` };
}

const BUDGET_LINE = 'Belanja Jasa Iklan/Reklame, Film, dan Pemotretan';

interface BudgetFigures {
  ceiling: bigint;
  allocated: bigint;
  unallocated: bigint;
  committed: bigint;
  realised: bigint;
  remaining: bigint;
}

/** The budget line's figures as its page shows them. */
async function budgetFigures(page: Page, path: string): Promise<BudgetFigures> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: BUDGET_LINE })).toBeVisible();
  const table = page.getByRole('table', { name: 'Pagu dan penggunaannya' });
  const figure = async (name: string) =>
    rupiahOf(await table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) }).getByRole('cell').textContent());
  await expect(table.getByRole('row')).toHaveCount(6);
  return {
    ceiling: await figure('Pagu'),
    allocated: await figure('Dicadangkan perjanjian'),
    unallocated: await figure('Belum dicadangkan'),
    committed: await figure('Terikat pesanan'),
    realised: await figure('Terealisasi (dibayar)'),
    remaining: await figure('Sisa pagu'),
  };
}

test('(l) from an approved application to a paid order, the budget line\'s remaining follows each step', async ({
  page,
  browser,
  baseURL,
  officer,
  verifier,
  treasurer,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const outlet = 'cahayasriwijaya.example.id';
  const company = 'PT Cahaya Sriwijaya Pers';
  const today = jakartaNow().day;
  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });

  // The officer finds the budget line and notes where it stands.
  await login(page, officer);
  await nav.getByRole('link', { name: 'Anggaran' }).click();
  await page.getByRole('link', { name: BUDGET_LINE }).click();
  await expect(page).toHaveURL(/\/budget\/[0-9a-f-]{36}$/);
  const budgetPath = new URL(page.url()).pathname;
  const start = await budgetFigures(page, budgetPath);
  expect(start.ceiling).toBe(450_000_000n);

  // 1. A new agreement from the approved application: three advertorials at the rate card's price.
  await nav.getByRole('link', { name: 'Perjanjian' }).click();
  await page.getByRole('link', { name: 'Perjanjian baru' }).click();
  await page.getByRole('combobox', { name: /^Pengajuan yang disetujui/ }).click();
  await page.getByRole('option', { name: `${outlet} — ${company}` }).click();
  await expect(page.getByRole('heading', { level: 2, name: `Ketentuan perjanjian dengan ${outlet}` })).toBeVisible();
  const terms = page.getByRole('form', { name: 'Ketentuan perjanjian baru' });
  await terms.getByRole('combobox', { name: /^Mata anggaran/ }).click();
  await page.getByRole('option', { name: new RegExp(`5\\.1\\.02\\.02\\.01\\.0063 — ${BUDGET_LINE.replace(/[/.,]/g, '\\$&')}`) }).click();
  await expect(terms.getByText(/^Belum dicadangkan: /)).toContainText(`sisa pagu:`);
  const price = rupiahOf(await terms.getByRole('textbox', { name: 'Harga sepakat Advertorial' }).inputValue());
  expect(price).toBeGreaterThan(0n);
  await terms.getByRole('textbox', { name: 'Kuota Advertorial' }).fill('3');
  await expect(terms.getByRole('checkbox', { name: 'Beli Advertorial' })).toBeChecked();
  const ceiling = 3n * price;
  // The ceiling follows the lines.
  await expect.poll(async () => rupiahOf(await terms.getByRole('textbox', { name: /^Nilai perjanjian/ }).inputValue())).toBe(ceiling);
  await terms.getByRole('button', { name: 'Simpan sebagai draf' }).click();
  const created = page.getByText(new RegExp(`^Draf perjanjian (.+) dengan ${company} telah dibuat\\.$`));
  await expect(created).toBeVisible();
  const agreementNumber = /^Draf perjanjian (.+) dengan /.exec((await created.textContent()) ?? '')?.[1] ?? '';
  expect(agreementNumber).not.toBe('');
  await expect(page).toHaveURL(/\/agreements\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: agreementNumber })).toBeVisible();

  // Signing it reserves its ceiling on the budget line.
  await page.getByRole('group', { name: 'Langkah berikutnya' }).getByRole('button', { name: 'Tandatangani (aktifkan)' }).click();
  const sign = page.getByRole('dialog', { name: `Tandatangani perjanjian ${agreementNumber}?` });
  await expect(sign.getByRole('status')).toContainText('Pagu mata anggaran cukup');
  await sign.getByRole('button', { name: 'Tandatangani (aktifkan)' }).click();
  await expect(page.getByText(`Perjanjian ${agreementNumber} telah ditandatangani dan aktif.`)).toBeVisible();
  const agreementFigures = page.getByRole('table', { name: 'Nilai dan penggunaannya' });
  const agreementFigure = (name: string) => agreementFigures.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) }).getByRole('cell');
  await expect(agreementFigure('Dicadangkan pada mata anggaran')).toHaveText(rupiahText(ceiling));
  await expect(agreementFigure('Pagu mata anggaran yang belum dicadangkan')).toHaveText(rupiahText(start.unallocated - ceiling));
  const signed = await budgetFigures(page, budgetPath);
  expect(signed.unallocated).toBe(start.unallocated - ceiling);
  expect(signed.allocated).toBe(start.allocated + ceiling);
  // A reservation is no spending: what is left to order from the line stays.
  expect(signed.remaining).toBe(start.remaining);

  // 2. An order of one advertorial under it.
  const subject = `Advertorial uji e2e ${stamp}`;
  await nav.getByRole('link', { name: 'Pesanan' }).click();
  await page.getByRole('button', { name: 'Terbitkan pesanan' }).click();
  const issue = page.getByRole('dialog', { name: 'Terbitkan pesanan' });
  await issue.getByRole('combobox', { name: /^Perjanjian/ }).click();
  await page.getByRole('option', { name: `${agreementNumber} — ${outlet}` }).click();
  await issue.getByRole('combobox', { name: /^Produk dari perjanjian/ }).click();
  await page.getByRole('option', { name: /^Advertorial — tersedia 3,/ }).click();
  await issue.getByRole('textbox', { name: /^Jumlah/ }).fill('1');
  await issue.getByRole('textbox', { name: /^Perihal/ }).fill(subject);
  await issue.getByLabel(/^Tayang paling lambat/).fill(today);
  const amountStatus = issue.getByRole('status').filter({ hasText: /^Nilai pesanan ini: / });
  await expect(amountStatus).toHaveText(/^Nilai pesanan ini: Rp\s?[\d.]+\.$/);
  const amount = rupiahOf(await amountStatus.textContent());
  expect(amount).toBe(price);
  await issue.getByRole('button', { name: 'Terbitkan' }).click();
  const issued = page.getByText(new RegExp(`^Pesanan (.+) untuk ${outlet.replace(/\./g, '\\.')} telah diterbitkan\\.$`));
  await expect(issued).toBeVisible();
  await expect(issue).toBeHidden();
  const orderNumber = /^Pesanan (.+) untuk /.exec((await issued.textContent()) ?? '')?.[1] ?? '';
  expect(orderNumber).not.toBe('');
  await page.getByRole('link', { name: orderNumber, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: orderNumber })).toBeVisible();
  const orderPath = new URL(page.url()).pathname;
  const orderId = orderPath.split('/').pop() ?? '';
  const orderAmounts = page.getByRole('table', { name: 'Nilai dan tenggat' });
  await expect(orderAmounts.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Nilai pesanan', exact: true }) }).getByRole('cell')).toHaveText(
    rupiahText(amount),
  );

  // 3. The company accepts it.
  await page.getByRole('group', { name: 'Langkah berikutnya' }).getByRole('button', { name: 'Catat diterima' }).click();
  await page.getByRole('dialog', { name: `Catat bahwa ${orderNumber} diterima?` }).getByRole('button', { name: 'Catat diterima' }).click();
  await expect(page.getByText(`Pesanan ${orderNumber} dicatat diterima.`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: orderNumber }).locator('xpath=..')).toContainText('Diterima');

  const ordered = await budgetFigures(page, budgetPath);
  expect(ordered.remaining).toBe(signed.remaining - amount);
  expect(ordered.committed).toBe(signed.committed + amount);
  expect(ordered.unallocated).toBe(signed.unallocated);

  // 4. The web page that shows it, handed in as its proof.
  const proofUrl = `https://${outlet}/berita/${stamp}-advertorial-uji-e2e`;
  const sha256 = createHash('sha256').update(`e2e ${stamp} ${Math.random()}`).digest('hex');
  await page.goto(`/proofs/orders/${orderId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Pesanan ${orderNumber}` })).toBeVisible();
  await page.getByRole('button', { name: 'Serahkan bukti' }).click();
  const handIn = page.getByRole('dialog', { name: `Serahkan bukti tayang pesanan ${orderNumber}` });
  await expect(handIn.getByRole('combobox', { name: /^Jenis bukti/ })).toHaveValue('Tautan berita daring');
  await handIn.getByLabel(/^Alamat halaman/).fill(proofUrl);
  await handIn.getByLabel(/^Waktu tangkapan/).fill(jakartaNow(5).minute);
  await handIn.getByLabel(/^SHA-256 isi halaman/).fill(sha256);
  await handIn.getByRole('checkbox', { name: 'Konten diberi label berbayar (iklan/advertorial)' }).check();
  await handIn.getByRole('button', { name: 'Serahkan' }).click();
  await expect(page.getByText(`Bukti tayang pesanan ${orderNumber} telah diserahkan.`)).toBeVisible();
  await expect(page.getByRole('article', { name: 'Bukti 1: Tautan berita daring' })).toContainText('Menunggu pemeriksaan');

  // 5. The verifier verifies the proof, then the order's proof.
  const verifierContext = await browser.newContext({ baseURL, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const review = await verifierContext.newPage();
  await login(review, verifier);
  await review.goto(`/proofs/orders/${orderId}`);
  const proof = review.getByRole('article', { name: 'Bukti 1: Tautan berita daring' });
  await expect(proof).toContainText(proofUrl);
  await proof.getByRole('group', { name: 'Pemeriksaan bukti 1' }).getByRole('button', { name: 'Verifikasi' }).click();
  await review.getByRole('dialog', { name: 'Verifikasi bukti 1 (Tautan berita daring)?' }).getByRole('button', { name: 'Verifikasi' }).click();
  await expect(review.getByText('Bukti 1 telah diverifikasi.')).toBeVisible();
  await expect(proof).toContainText('Terverifikasi');
  const decision = review.getByRole('group', { name: 'Keputusan bukti pesanan' });
  await decision.getByRole('button', { name: 'Verifikasi bukti pesanan' }).click();
  await review.getByRole('dialog', { name: `Verifikasi bukti pesanan ${orderNumber}?` }).getByRole('button', { name: 'Verifikasi bukti pesanan' }).click();
  await expect(review.getByText(`Bukti pesanan ${orderNumber} telah diverifikasi.`)).toBeVisible();
  await verifierContext.close();

  const verified = await budgetFigures(page, budgetPath);
  expect(verified).toEqual(ordered);

  // 6. The treasurer records the company's invoice for it.
  const invoiceNumber = `INV/CSP/E2E/${stamp}`;
  const treasurerContext = await browser.newContext({ baseURL, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const finance = await treasurerContext.newPage();
  await login(finance, treasurer);
  await finance.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Keuangan' }).click();
  await finance.getByRole('button', { name: 'Catat tagihan' }).click();
  const record = finance.getByRole('dialog', { name: 'Catat tagihan perusahaan' });
  await record.getByRole('combobox', { name: /^Perusahaan pers/ }).fill('Cahaya Sriwijaya');
  await finance.getByRole('option', { name: company }).click();
  await record.getByRole('checkbox', { name: `${orderNumber} — ${subject}` }).check();
  await record.getByRole('textbox', { name: /^Nomor tagihan/ }).fill(invoiceNumber);
  await record.getByLabel(/^Tanggal tagihan/).fill(today);
  await record.getByRole('button', { name: 'Catat tagihan' }).click();
  await expect(finance.getByText(`Tagihan ${invoiceNumber} dari ${company} telah dicatat.`)).toBeVisible();
  await expect(finance).toHaveURL(/\/finance\/invoices\/[0-9a-f-]{36}$/);
  const invoicePath = new URL(finance.url()).pathname;
  const invoiceHeading = finance.getByRole('heading', { level: 1, name: `Tagihan ${invoiceNumber}` });
  await expect(invoiceHeading.locator('xpath=..')).toContainText('Diterima');

  // The officer signs the acceptance record (BAST).
  await page.goto(invoicePath);
  await expect(page.getByRole('heading', { level: 1, name: `Tagihan ${invoiceNumber}` })).toBeVisible();
  await page.getByRole('group', { name: 'Langkah tagihan' }).getByRole('button', { name: 'Tandatangani BAST' }).click();
  await page.getByRole('dialog', { name: `Tandatangani BAST tagihan ${invoiceNumber}?` }).getByRole('button', { name: 'Tandatangani BAST' }).click();
  await expect(page.getByText(new RegExp(`^BAST .+ untuk tagihan ${invoiceNumber.replace(/\//g, '\\/')} telah ditandatangani\\.$`))).toBeVisible();

  // The treasurer pays it into the company's verified account.
  await finance.reload();
  await expect(invoiceHeading.locator('xpath=..')).toContainText('BAST ditandatangani');
  await finance.getByRole('group', { name: 'Langkah tagihan' }).getByRole('button', { name: 'Bayar' }).click();
  const pay = finance.getByRole('dialog', { name: `Bayar tagihan ${invoiceNumber}` });
  await pay.getByRole('textbox', { name: /^Nomor SP2D/ }).fill(`SP2D/E2E/${stamp}`);
  await pay.getByLabel(/^Tanggal SP2D/).fill(today);
  const account = pay.getByRole('radio', { disabled: false }).first();
  await account.check();
  await pay.getByRole('button', { name: 'Catat pembayaran' }).click();
  await expect(finance.getByText(new RegExp(`^Pembayaran tagihan ${invoiceNumber.replace(/\//g, '\\/')} telah dicatat`))).toBeVisible();
  await expect(invoiceHeading.locator('xpath=..')).toContainText('Lunas');
  const payment = finance.getByRole('region', { name: 'Pembayaran' });
  const fact = (label: string | RegExp) => payment.getByText(label).locator('xpath=following-sibling::*[1]');
  await expect(fact(/^PPh 23 \(/)).toHaveText(/^Rp\s?[\d.]+$/);
  const gross = rupiahOf(await fact('Bruto').textContent());
  const pph23 = rupiahOf(await fact(/^PPh 23 \(/).textContent());
  const net = rupiahOf(await fact('Neto ditransfer').textContent());
  expect(pph23).toBeGreaterThan(0n);
  expect(net).toBe(gross - pph23);
  await expect(fact('Nomor SP2D')).toHaveText(`SP2D/E2E/${stamp}`);
  await treasurerContext.close();

  // The order is paid, and the budget line realised what it had committed.
  await page.goto(orderPath);
  await expect(page.getByRole('heading', { level: 1, name: orderNumber }).locator('xpath=..')).toContainText('Dibayar');
  const paid = await budgetFigures(page, budgetPath);
  expect(paid.realised).toBe(ordered.realised + amount);
  expect(paid.committed).toBe(ordered.committed - amount);
  expect(paid.remaining).toBe(ordered.remaining);
  expect(paid.unallocated).toBe(ordered.unallocated);
});

test('(m) an auditor reads the realisation report, cuts it by company, and downloads the same total as CSV', async ({
  page,
  auditor,
}) => {
  await login(page, auditor);
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Laporan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Realisasi anggaran' })).toBeVisible();
  await expect(page.getByRole('table', { name: /per Media$/ })).toBeVisible();

  await page.getByRole('combobox', { name: 'Dijumlahkan per' }).click();
  await page.getByRole('option', { name: 'Perusahaan pers' }).click();
  await expect(page).toHaveURL(/by=company/);
  const byCompany = page.getByRole('table', { name: /per Perusahaan pers$/ });
  await expect(byCompany.locator('tbody tr')).not.toHaveCount(0);
  // The demo year has payments: its total on screen, in whole rupiah.
  const shown = (await byCompany.locator('tfoot td').last().innerText()).replace(/\D/g, '');
  expect(Number(shown)).toBeGreaterThan(0);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Unduh CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^realisation-\d{4}-company\.csv$/);
  const text = readFileSync(await download.path(), 'utf8');
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0]).toBe('key,code,label,orders,amount,vat,realised');
  const total = lines[lines.length - 1].split(',');
  expect(total[0]).toBe('total');
  expect(total[total.length - 1]).toBe(shown);
});

test('(n) a journalist reads the public transparency page without an account, and it names no one', async ({ page, request }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Halaman transparansi publik' }).click();
  await expect(page).toHaveURL(/\/public$/);
  await page.getByRole('link', { name: /Ogan Komering Ilir/ }).click();
  // The organisation's address opens its newest year.
  await expect(page).toHaveURL(/\/public\/oki\/\d{4}$/);
  const year = page.url().split('/').pop() ?? '';
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Tahun Anggaran ${year}$`) })).toBeVisible();
  const outlets = page.getByRole('table', { name: new RegExp(`^Per media Tahun Anggaran ${year}`) });
  await expect(outlets.locator('tbody tr')).not.toHaveCount(0);
  await expect(page.getByRole('table', { name: `Perjanjian Tahun Anggaran ${year}` }).locator('tbody tr')).not.toHaveCount(0);

  // What the page shows as paid is what the public API answers, and the API is what anyone may cache.
  const answer = await request.get(`/api/v1/public/organisations/oki/${year}`);
  expect(answer.ok()).toBe(true);
  expect(answer.headers()['cache-control']).toBe('public, max-age=300');
  const body = (await answer.json()) as { totals: { paid: { amount: string } } };
  const paid = page.getByRole('listitem', { name: 'Sudah dibayar' });
  await expect(paid).toContainText(Number(body.totals.paid.amount).toLocaleString('id-ID'));

  // No staff name, no login, no NIK-like number, no bank account on the page.
  const text = await page.locator('body').innerText();
  for (const personal of ['Petugas Kemitraan Media', 'Bendahara Pengeluaran', 'oki.officer', 'Rekening']) {
    expect(text).not.toContain(personal);
  }
  expect(text).not.toMatch(/\b\d{16}\b/);
});
