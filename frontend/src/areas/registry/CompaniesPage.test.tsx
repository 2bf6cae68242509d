import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import type { PressCompany } from '../../api/types';
import { json, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { auditor, company, lapsed, officer, registryServer } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const listRequests = (seen: Seen[]) => seen.filter((request) => request.path === '/api/v1/press-companies' && request.method === 'GET');
const lastList = (seen: Seen[]) => new URLSearchParams(listRequests(seen).at(-1)?.search);

async function companiesTable() {
  const table = await screen.findByRole('table', { name: 'Perusahaan pers' });
  await within(table).findByText(company.legal_name);
  return table;
}

async function openRegister(who: object = officer, read: (request: Seen) => Response | undefined = () => undefined) {
  const seen = registryServer({ who, handle: (request) => (request.method === 'POST' ? created(request) : read(request)) });
  const app = renderApp('/registry/companies');
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Daftarkan perusahaan' }));
  const dialog = await screen.findByRole('dialog', { name: 'Daftarkan perusahaan pers' });
  return { seen, user, dialog, app };
}

/** What the server answers a registration with, unless a test says otherwise. */
let created: (request: Seen) => Response = () => json(201, company);

afterEach(() => {
  created = () => json(201, company);
});

async function fillRequired(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, npwp = '01.234.567.8-912.000') {
  await user.type(within(dialog).getByLabelText(/Nama badan hukum/), 'PT Media Baru Kayuagung');
  await user.click(within(dialog).getByRole('combobox', { name: /Bentuk badan usaha/ }));
  // Mantine's dropdown stays display:none in jsdom (no transitions end there), so it counts as hidden.
  await user.click(await screen.findByRole('option', { name: 'Perseroan Terbatas (PT)', hidden: true }));
  await user.type(within(dialog).getByLabelText(/^NPWP/), npwp);
}

describe('Press companies list', () => {
  it('shows each company with its form, printed NPWP, status and Press Council standing', async () => {
    registryServer();
    renderApp('/registry');
    const table = await companiesTable();
    const row = within(table).getByText(company.legal_name).closest('tr')!;
    expect(within(row).getByText('Perseroan Terbatas (PT)')).toBeInTheDocument();
    expect(within(row).getByText('02.417.583.6-312.000')).toBeInTheDocument();
    expect(within(row).getByText('Aktif')).toBeInTheDocument();
    expect(within(row).getByText('Terverifikasi faktual')).toBeInTheDocument();
    expect(within(row).getByText('Berlaku s.d. 30/06/2099')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: company.legal_name })).toHaveAttribute('href', `/registry/companies/${company.id}`);
  });

  it('says when a Press Council standing has expired', async () => {
    registryServer();
    renderApp('/registry/companies');
    const table = await companiesTable();
    const row = within(table).getByText(lapsed.legal_name).closest('tr')!;
    expect(within(row).getByText('Kedaluwarsa sejak 31/01/2020')).toBeInTheDocument();
  });

  it('puts the filters into the address and into the request', async () => {
    const seen = registryServer();
    const app = renderApp('/registry/companies');
    const user = userEvent.setup();
    await companiesTable();

    await user.type(screen.getByLabelText('Cari nama badan hukum'), 'kayu');
    await waitFor(() => {
      expect(app.address()).toBe('/registry/companies?q=kayu');
    });
    expect(lastList(seen).get('q')).toBe('kayu');

    await user.click(screen.getByRole('combobox', { name: 'Status perusahaan' }));
    await user.click(await screen.findByRole('option', { name: 'Ditangguhkan', hidden: true }));
    await waitFor(() => {
      expect(app.address()).toBe('/registry/companies?q=kayu&status=suspended');
    });

    await user.click(screen.getByRole('combobox', { name: 'Jenis media' }));
    await user.click(await screen.findByRole('option', { name: 'Media siber', hidden: true }));
    await user.click(screen.getByRole('combobox', { name: 'Status Dewan Pers' }));
    await user.click(await screen.findByRole('option', { name: 'Terverifikasi administratif', hidden: true }));
    await waitFor(() => {
      expect(app.address()).toBe('/registry/companies?q=kayu&status=suspended&media_type=online&press_council_status=administratively_verified');
    });
    await waitFor(() => {
      expect(lastList(seen).get('press_council_status')).toBe('administratively_verified');
    });
    const query = lastList(seen);
    expect(query.get('q')).toBe('kayu');
    expect(query.get('status')).toBe('suspended');
    expect(query.get('media_type')).toBe('online');

    await user.click(screen.getByRole('button', { name: 'Hapus filter' }));
    await waitFor(() => {
      expect(app.address()).toBe('/registry/companies');
    });
  });

  it('opens an address with filters as that filtered list, leaving out values the API would refuse', async () => {
    const seen = registryServer();
    renderApp('/registry/companies?status=blacklisted&media_type=radio&press_council_status=bogus&q=radio');
    expect(await screen.findByLabelText('Cari nama badan hukum')).toHaveValue('radio');
    expect(screen.getByRole('combobox', { name: 'Status perusahaan' })).toHaveValue('Masuk daftar hitam');
    expect(screen.getByRole('combobox', { name: 'Jenis media' })).toHaveValue('Radio');
    await waitFor(() => {
      expect(listRequests(seen)).not.toHaveLength(0);
    });
    const query = lastList(seen);
    expect(query.get('status')).toBe('blacklisted');
    expect(query.get('media_type')).toBe('radio');
    expect(query.get('q')).toBe('radio');
    expect(query.has('press_council_status')).toBe(false);
  });

  it('offers registering a company to those who manage the registry, and not to an auditor', async () => {
    registryServer({ who: officer });
    renderApp('/registry/companies');
    await companiesTable();
    expect(screen.getByRole('button', { name: 'Daftarkan perusahaan' })).toBeInTheDocument();
    cleanup();

    registryServer({ who: auditor });
    renderApp('/registry/companies');
    await companiesTable();
    expect(screen.queryByRole('button', { name: 'Daftarkan perusahaan' })).not.toBeInTheDocument();
  });

  it('registers a company with what was typed, leaving the rest unrecorded, and opens it', async () => {
    const registered: PressCompany = { ...company, id: '0190f7a0-0000-7000-8000-0000000001a9', legal_name: 'PT Media Baru Kayuagung', version: 1 };
    created = () => json(201, registered);
    const { seen, user, dialog, app } = await openRegister(officer, (request) =>
      request.path === `/api/v1/press-companies/${registered.id}` ? json(200, registered) : undefined,
    );
    await fillRequired(user, dialog);
    await user.type(within(dialog).getByLabelText(/Modal disetor/), '50.000.000');
    await user.type(within(dialog).getByLabelText(/Jumlah karyawan/), '6');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));

    expect(await screen.findByText('PT Media Baru Kayuagung telah didaftarkan.')).toBeInTheDocument();
    const post = seen.find((request) => request.method === 'POST')!;
    expect(post.path).toBe('/api/v1/press-companies');
    expect(post.body).toEqual({
      legal_name: 'PT Media Baru Kayuagung',
      legal_form: 'pt',
      npwp: '01.234.567.8-912.000',
      deed_number: null,
      deed_date: null,
      ahu_number: null,
      ahu_date: null,
      nib: null,
      vat_registered_since: null,
      address: null,
      phone: null,
      email: null,
      website: null,
      staff_count: 6,
      paid_up_capital: { amount: '50000000', currency: 'IDR' },
      local_office: null,
      association: null,
    });
    await waitFor(() => {
      expect(app.address()).toBe(`/registry/companies/${registered.id}`);
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'PT Media Baru Kayuagung' })).toBeInTheDocument();
  });

  it('checks the NPWP like the server before sending it', async () => {
    const { seen, user, dialog } = await openRegister();
    await fillRequired(user, dialog, '12.345');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await within(dialog).findByText(/^Isi 16 angka NPWP/)).toBeInTheDocument();
    expect(seen.some((request) => request.method === 'POST')).toBe(false);
  });

  it('puts npwp_taken on the NPWP field', async () => {
    created = () => problem(409, 'npwp_taken');
    const { user, dialog } = await openRegister();
    await fillRequired(user, dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    const npwp = within(dialog).getByLabelText(/^NPWP/);
    await waitFor(() => {
      expect(npwp).toHaveAttribute('aria-invalid', 'true');
    });
    expect(npwp).toHaveAccessibleDescription(expect.stringContaining('NPWP ini sudah terdaftar untuk perusahaan pers lain.') as string);
    expect(within(dialog).getByLabelText(/Nama badan hukum/)).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText(/Server prose/)).not.toBeInTheDocument();
  });

  it('puts company_name_taken on the legal name', async () => {
    created = () => problem(409, 'company_name_taken');
    const { user, dialog } = await openRegister();
    await fillRequired(user, dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    const name = within(dialog).getByLabelText(/Nama badan hukum/);
    await waitFor(() => {
      expect(name).toHaveAttribute('aria-invalid', 'true');
    });
    expect(name).toHaveAccessibleDescription(expect.stringContaining('Nama badan hukum ini sudah dipakai perusahaan pers lain.') as string);
  });
});
