import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { json, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { accounts, auditor, company, editor, officer, outlet, registryServer, treasurer } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const page = `/registry/companies/${company.id}`;
const posts = (seen: Seen[]) => seen.filter((request) => request.method === 'POST' || request.method === 'PATCH');

async function heading() {
  return screen.findByRole('heading', { level: 1, name: company.legal_name });
}

describe('A press company', () => {
  it('shows every field of its profile, money in rupiah', async () => {
    registryServer();
    renderApp(page);
    const identity = await screen.findByRole('table', { name: 'Badan hukum' });
    const row = (table: HTMLElement, name: string) => within(table).getByRole('rowheader', { name }).closest('tr')!;
    expect(row(identity, 'NPWP')).toHaveTextContent('02.417.583.6-312.000');
    expect(row(identity, 'Nomor SK Kemenkumham (AHU)')).toHaveTextContent('AHU-0041809.AH.01.01');
    expect(row(identity, 'Pengusaha Kena Pajak (PKP) sejak')).toHaveTextContent('01/01/2023');
    const capacity = screen.getByRole('table', { name: 'Kontak dan kapasitas usaha' });
    expect(row(capacity, 'Modal disetor')).toHaveTextContent('Rp 250.000.000');
    expect(row(capacity, 'Jumlah karyawan')).toHaveTextContent('14 orang');
    expect(row(capacity, 'Kantor atau biro di daerah')).toHaveTextContent('Ada');
    expect(row(capacity, 'Asosiasi pers')).toHaveTextContent('SMSI');
    expect(within(row(capacity, 'Situs web')).getByRole('link')).toHaveAttribute('href', 'https://kayuagungterkini.example.id');
  });

  it('sends the whole profile with If-Match when edited', async () => {
    const seen = registryServer({
      handle: (request) => (request.method === 'PATCH' ? json(200, { ...company, phone: '0712-999999', version: 4 }) : undefined),
    });
    renderApp(page);
    const user = userEvent.setup();
    await heading();
    await user.click(screen.getByRole('button', { name: 'Ubah profil' }));
    const dialog = await screen.findByRole('dialog', { name: `Ubah profil ${company.legal_name}` });
    const phone = within(dialog).getByLabelText('Telepon');
    await user.clear(phone);
    await user.type(phone, '0712-999999');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));

    expect(await screen.findByText(`Profil ${company.legal_name} telah diperbarui.`)).toBeInTheDocument();
    const patch = seen.find((request) => request.method === 'PATCH')!;
    expect(patch.path).toBe(`/api/v1/press-companies/${company.id}`);
    expect(patch.headers.get('If-Match')).toBe('"3"');
    // The server replaces the profile: what was not edited is sent as it was.
    expect(patch.body).toEqual({
      legal_name: company.legal_name,
      legal_form: 'pt',
      npwp: '02.417.583.6-312.000',
      deed_number: '19',
      deed_date: '2017-03-01',
      ahu_number: 'AHU-0041809.AH.01.01',
      ahu_date: '2017-03-10',
      nib: '9120000250000',
      vat_registered_since: '2023-01-01',
      address: company.address,
      phone: '0712-999999',
      email: company.email,
      website: company.website,
      staff_count: 14,
      paid_up_capital: { amount: '250000000', currency: 'IDR' },
      local_office: true,
      association: 'SMSI',
    });
  });

  it('reloads the company and says why when someone else saved it first', async () => {
    const seen = registryServer({ handle: (request) => (request.method === 'PATCH' ? problem(412, 'precondition_failed') : undefined) });
    renderApp(page);
    const user = userEvent.setup();
    await heading();
    const reads = () => seen.filter((request) => request.path === `/api/v1/press-companies/${company.id}`).length;
    const before = reads();
    await user.click(screen.getByRole('button', { name: 'Ubah profil' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Telepon'), '9');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));

    expect(await screen.findByText(/^Pengguna lain telah menyimpan perubahan pada data ini lebih dahulu/)).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    await waitFor(() => {
      expect(reads()).toBeGreaterThan(before);
    });
  });

  it('asks for the reason of a suspension before sending it', async () => {
    const suspended = { ...company, status: 'suspended', status_reason: 'Pengaduan Dewan Pers', version: 4 };
    const seen = registryServer({ handle: (request) => (request.method === 'POST' ? json(200, suspended) : undefined) });
    renderApp(page);
    const user = userEvent.setup();
    await heading();
    await user.click(screen.getByRole('button', { name: 'Ubah status' }));
    const dialog = await screen.findByRole('dialog', { name: `Status ${company.legal_name}` });
    expect(within(dialog).queryByRole('radio', { name: 'Pulihkan (aktif kembali)' })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('radio', { name: 'Tangguhkan' }));
    await user.click(within(dialog).getByRole('button', { name: 'Tetapkan' }));

    const reason = within(dialog).getByLabelText(/^Alasan/);
    await waitFor(() => {
      expect(reason).toHaveAttribute('aria-invalid', 'true');
    });
    expect(within(dialog).getByText('Tuliskan alasan penangguhan atau pencantuman dalam daftar hitam.')).toBeInTheDocument();
    expect(posts(seen)).toEqual([]);

    await user.type(reason, 'Pengaduan Dewan Pers');
    await user.click(within(dialog).getByRole('button', { name: 'Tetapkan' }));
    expect(await screen.findByText(`${company.legal_name} telah ditangguhkan.`)).toBeInTheDocument();
    const post = posts(seen)[0]!;
    expect(post.path).toBe(`/api/v1/press-companies/${company.id}/status`);
    expect(post.headers.get('If-Match')).toBe('"3"');
    expect(post.body).toEqual({ status: 'suspended', reason: 'Pengaduan Dewan Pers' });
  });

  it('reinstates a suspended company without a reason, and shows why it was suspended until then', async () => {
    const suspended = { ...company, status: 'suspended', status_reason: 'Pengaduan Dewan Pers', status_since: '2025-05-02' };
    const seen = registryServer({
      handle: (request) => {
        if (request.method === 'POST') return json(200, { ...company, version: 5 });
        return request.path === `/api/v1/press-companies/${company.id}` ? json(200, suspended) : undefined;
      },
    });
    renderApp(page);
    const user = userEvent.setup();
    expect(await screen.findByText('Ditangguhkan sejak 02/05/2025')).toBeInTheDocument();
    expect(screen.getByText('Pengaduan Dewan Pers')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ubah status' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('radio', { name: 'Pulihkan (aktif kembali)' }));
    await user.click(within(dialog).getByRole('button', { name: 'Tetapkan' }));
    expect(await screen.findByText(`${company.legal_name} telah dipulihkan.`)).toBeInTheDocument();
    expect(posts(seen)[0]?.body).toEqual({ status: 'active', reason: null });
  });

  it('offers status decisions to those who may sanction only, and changes to none for an auditor', async () => {
    registryServer({ who: officer });
    renderApp(page);
    await heading();
    expect(screen.getByRole('button', { name: 'Ubah profil' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ubah status' })).not.toBeInTheDocument();
    cleanup();

    registryServer({ who: auditor });
    renderApp(`${page}?tab=accounts`);
    await heading();
    await screen.findByRole('table', { name: 'Rekening bank' });
    expect(screen.queryByRole('button', { name: 'Ubah profil' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ubah status' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tambah rekening' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Verifikasi/ })).not.toBeInTheDocument();
  });

  it('lists its outlets and registers another with the company it belongs to', async () => {
    const added = { ...outlet, id: '0190f7a0-0000-7000-8000-0000000001b9', name: 'Radio Kayuagung', media_type: 'radio' };
    const seen = registryServer({ handle: (request) => (request.method === 'POST' ? json(201, added) : undefined) });
    const app = renderApp(`${page}?tab=outlets`);
    const user = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'Media' });
    expect(await within(table).findByRole('link', { name: 'Kayuagung Terkini' })).toHaveAttribute('href', `/registry/outlets/${outlet.id}`);
    expect(new URLSearchParams(seen.find((request) => request.path === '/api/v1/outlets')?.search).get('company_id')).toBe(company.id);

    await user.click(screen.getByRole('button', { name: 'Tambah media' }));
    const dialog = await screen.findByRole('dialog', { name: 'Daftarkan media' });
    await user.click(within(dialog).getByRole('combobox', { name: /Jenis media/ }));
    await user.click(await screen.findByRole('option', { name: 'Radio', hidden: true }));
    await user.type(within(dialog).getByLabelText(/Nama media/), 'Radio Kayuagung');
    await user.type(within(dialog).getByLabelText(/Frekuensi atau kanal siaran/), '101.1 MHz');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));

    expect(await screen.findByText('Media Radio Kayuagung telah didaftarkan.')).toBeInTheDocument();
    expect(posts(seen)[0]?.body).toEqual({
      company_id: company.id,
      media_type: 'radio',
      name: 'Radio Kayuagung',
      scale: 'local',
      periodicity: 'continuous',
      url: null,
      first_published: null,
      frequency: '101.1 MHz',
      circulation: null,
      monthly_visitors: null,
      claims_evidence: null,
      broadcast_licence: null,
      broadcast_licence_until: null,
    });
    await waitFor(() => {
      expect(app.address()).toBe(`/registry/outlets/${added.id}`);
    });
  });

  it('puts outlet_name_taken on the outlet name', async () => {
    registryServer({ handle: (request) => (request.method === 'POST' ? problem(409, 'outlet_name_taken') : undefined) });
    renderApp(`${page}?tab=outlets`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tambah media' }));
    const dialog = await screen.findByRole('dialog', { name: 'Daftarkan media' });
    await user.click(within(dialog).getByRole('combobox', { name: /Jenis media/ }));
    await user.click(await screen.findByRole('option', { name: 'Media siber', hidden: true }));
    await user.type(within(dialog).getByLabelText(/Nama media/), 'Kayuagung Terkini');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    const name = within(dialog).getByLabelText(/Nama media/);
    await waitFor(() => {
      expect(name).toHaveAccessibleDescription(expect.stringContaining('Nama media ini sudah dipakai media lain dengan jenis yang sama.') as string);
    });
  });
});

describe('A company newsroom', () => {
  it('shows the chosen fiscal year, each NIK by its last four digits only', async () => {
    const seen = registryServer();
    const app = renderApp(`${page}?tab=newsroom&year=2026`);
    const table = await screen.findByRole('table', { name: 'Susunan redaksi tahun anggaran 2026' });
    const row = (await within(table).findByText('Rahmat Hidayat')).closest('tr')!;
    expect(within(row).getByText('Pemimpin redaksi')).toBeInTheDocument();
    expect(within(row).getByText('••••••••••••0004')).toBeInTheDocument();
    expect(within(row).getByText('Wartawan Utama')).toBeInTheDocument();
    expect(new URLSearchParams(seen.find((request) => request.path.endsWith('/people'))?.search).get('fiscal_year')).toBe('2026');

    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: 'Tahun anggaran' }));
    await user.click(await screen.findByRole('option', { name: '2025', hidden: true }));
    await waitFor(() => {
      expect(app.address()).toBe(`${page}?tab=newsroom&year=2025`);
    });
    await screen.findByRole('table', { name: 'Susunan redaksi tahun anggaran 2025' });
  });

  it('records a person with their NIK for the year shown, and puts person_already_recorded on the NIK', async () => {
    let answer = problem(409, 'person_already_recorded');
    const seen = registryServer({ handle: (request) => (request.method === 'POST' ? answer : undefined) });
    renderApp(`${page}?tab=newsroom&year=2026`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tambah anggota redaksi' }));
    const dialog = await screen.findByRole('dialog', { name: 'Tambah anggota redaksi tahun anggaran 2026' });
    await user.type(within(dialog).getByLabelText(/^NIK/), '1602 0112 0878 0004');
    await user.type(within(dialog).getByLabelText(/Nama lengkap/), 'Rahmat Hidayat');
    await user.click(within(dialog).getByRole('combobox', { name: /Jabatan di redaksi/ }));
    await user.click(await screen.findByRole('option', { name: 'Pemimpin redaksi', hidden: true }));
    await user.click(within(dialog).getByRole('combobox', { name: /Jenjang kompetensi/ }));
    await user.click(await screen.findByRole('option', { name: 'Wartawan Utama', hidden: true }));
    await user.type(within(dialog).getByLabelText(/Nomor sertifikat kompetensi/), 'UKW-UTAMA-0004');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));

    const nik = within(dialog).getByLabelText(/^NIK/);
    await waitFor(() => {
      expect(nik).toHaveAccessibleDescription(expect.stringContaining('NIK ini sudah tercatat pada perusahaan pers lain untuk tahun anggaran ini.') as string);
    });
    expect(posts(seen)[0]?.body).toEqual({
      company_id: company.id,
      fiscal_year: 2026,
      nik: '1602011208780004',
      full_name: 'Rahmat Hidayat',
      role: 'editor_in_chief',
      competence_level: 'utama',
      competence_certificate: 'UKW-UTAMA-0004',
      competence_date: null,
    });

    answer = json(201, editor);
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText('Rahmat Hidayat telah dicatat pada susunan redaksi tahun anggaran 2026.')).toBeInTheDocument();
  });
});

describe('Press Council checks', () => {
  it('lists the checks newest first, saying which has expired', async () => {
    registryServer();
    renderApp(`${page}?tab=press-council`);
    const table = await screen.findByRole('table', { name: 'Pemeriksaan Dewan Pers' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('01/06/2025');
    expect(rows[0]).toHaveTextContent('Terbaru');
    expect(rows[0]).toHaveTextContent('Berlaku s.d. 30/06/2099');
    expect(rows[1]).toHaveTextContent('01/05/2019');
    expect(rows[1]).toHaveTextContent('Kedaluwarsa sejak 01/01/2021');
  });

  it('records a check with its evidence', async () => {
    const seen = registryServer({ handle: (request) => (request.method === 'POST' ? json(201, { id: 'x' }) : undefined) });
    renderApp(`${page}?tab=press-council`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Catat pemeriksaan' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await within(dialog).findAllByText('Wajib diisi.')).toHaveLength(2);
    expect(posts(seen)).toEqual([]);

    await user.click(within(dialog).getByRole('combobox', { name: /Status Dewan Pers/ }));
    await user.click(await screen.findByRole('option', { name: 'Terdata', hidden: true }));
    await user.type(within(dialog).getByLabelText(/Bukti pemeriksaan/), 'Situs Dewan Pers');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText(`Pemeriksaan Dewan Pers untuk ${company.legal_name} telah dicatat.`)).toBeInTheDocument();
    const body = posts(seen)[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'registered', evidence: 'Situs Dewan Pers', certificate_number: null, valid_until: null });
    expect(body.checked_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('Bank accounts', () => {
  it('lets a treasurer verify an account, and explains a refusal because of the holder in words', async () => {
    const seen = registryServer({ who: treasurer, handle: (request) => (request.method === 'POST' ? problem(409, 'holder_is_not_the_company') : undefined) });
    renderApp(`${page}?tab=accounts`);
    const user = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'Rekening bank' });
    const verified = within(table).getByText('PT KAYUAGUNG MEDIA UTAMA').closest('tr')!;
    expect(within(verified).getByText('Terverifikasi')).toBeInTheDocument();
    expect(within(verified).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tambah rekening' })).not.toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: `Verifikasi rekening ${accounts[1]!.account_number}` }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Verifikasi' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Rekening ini bukan atas nama perusahaan');
    expect(alert).toHaveTextContent(`Rekening atas nama "BUDI SANTOSO", sedangkan nama badan hukumnya "${company.legal_name}".`);
    expect(posts(seen)[0]?.path).toBe(`/api/v1/bank-accounts/${accounts[1]!.id}/verification`);
  });

  it('records an account in the company name by default, and puts bank_account_exists on its number', async () => {
    const seen = registryServer({ who: officer, handle: (request) => (request.method === 'POST' ? problem(409, 'bank_account_exists') : undefined) });
    renderApp(`${page}?tab=accounts`);
    const user = userEvent.setup();
    await screen.findByRole('table', { name: 'Rekening bank' });
    expect(screen.queryByRole('button', { name: /^Verifikasi/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Tambah rekening' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText(/Nama pemilik rekening/)).toHaveValue(company.legal_name);
    await user.type(within(dialog).getByLabelText(/Nama bank/), 'Bank Sumsel Babel');
    await user.type(within(dialog).getByLabelText(/Nomor rekening/), '1490 2310 0456');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    const number = within(dialog).getByLabelText(/Nomor rekening/);
    await waitFor(() => {
      expect(number).toHaveAccessibleDescription(expect.stringContaining('Rekening ini sudah tercatat.') as string);
    });
    expect(posts(seen)[0]?.body).toEqual({ bank_name: 'Bank Sumsel Babel', account_number: '1490 2310 0456', holder_name: company.legal_name });
  });

  it('shows a company that does not exist as not found', async () => {
    registryServer();
    renderApp('/registry/companies/0190f7a0-0000-7000-8000-00000000ffff');
    expect(await screen.findByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeInTheDocument();
  });
});
