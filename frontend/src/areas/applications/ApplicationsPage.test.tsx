import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { jakartaYear } from '../../format';
import { json, me, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { applicationsServer, auditor, draft, inReview, officer, openWindow, verified } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const listed = (seen: Seen[]) => seen.filter((request) => request.method === 'GET' && request.path === '/api/v1/applications');

const outlet = {
  id: draft.outlet_id,
  company_id: draft.company_id,
  media_type: 'radio',
  name: 'Suara Komering FM',
  url: null,
  frequency: '98.7 MHz',
  scale: 'local',
  first_published: '2015-01-01',
  periodicity: 'continuous',
  circulation: null,
  monthly_visitors: null,
  claims_evidence: null,
  broadcast_licence: null,
  broadcast_licence_until: null,
  created_at: '2025-01-02T00:00:00Z',
  updated_at: '2025-01-02T00:00:00Z',
  version: 1,
};

describe('The applications list', () => {
  it('lists the year in progress in Jakarta unless the address names another, with each application\'s state and tier', async () => {
    const seen = applicationsServer({ who: auditor, applications: [inReview, verified] });
    const app = renderApp('/applications');
    const table = await screen.findByRole('table', { name: `Pengajuan Tahun Anggaran ${jakartaYear()}` });
    expect(new URLSearchParams(listed(seen)[0]?.search).get('fiscal_year')).toBe(String(jakartaYear()));
    await within(table).findByRole('link', { name: 'Kayuagung Terkini' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Kayuagung Terkini');
    expect(rows[1]).toHaveTextContent('Media siber');
    expect(rows[1]).toHaveTextContent('Sedang diperiksa');
    expect(within(rows[1]!).getByRole('link', { name: 'Kayuagung Terkini' })).toHaveAttribute('href', `/applications/${inReview.id}`);
    await waitFor(() => {
      expect(rows[2]).toHaveTextContent('Golongan A');
    });
    expect(rows[2]).toHaveTextContent('70 poin');
    // An auditor reads the list and opens none.
    expect(screen.queryByRole('button', { name: 'Pengajuan baru' })).not.toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Terverifikasi', hidden: true }));
    await waitFor(() => {
      expect(app.address()).toBe('/applications?state=verified');
    });
    await waitFor(() => {
      expect(new URLSearchParams(listed(seen).at(-1)?.search).get('state')).toBe('verified');
    });
  });

  it('reads its filters from the address', async () => {
    const seen = applicationsServer({ who: auditor });
    renderApp(`/applications?year=2025&state=in_review&company=${inReview.company_id}`);
    await screen.findByRole('table', { name: 'Pengajuan Tahun Anggaran 2025' });
    const query = new URLSearchParams(listed(seen)[0]?.search);
    expect(query.get('fiscal_year')).toBe('2025');
    expect(query.get('state')).toBe('in_review');
    expect(query.get('company_id')).toBe(inReview.company_id);
  });

  it('says whether the year takes applications today', async () => {
    applicationsServer({ who: officer });
    renderApp('/applications?year=2026');
    expect(await screen.findByRole('status', { name: 'Periode pendaftaran' })).toHaveTextContent('Pendaftaran Tahun Anggaran 2026 dibuka 01/02/2026 sampai 31/03/2026.');
  });
});

describe('A new application', () => {
  async function openDialog(handle: (request: Seen) => Response | undefined) {
    const seen = applicationsServer({
      who: officer,
      handle: (request) => handle(request) ?? (request.path === '/api/v1/outlets' ? json(200, { items: [outlet], next_cursor: null }) : undefined),
    });
    const app = renderApp(`/applications?year=${jakartaYear()}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Pengajuan baru' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pengajuan kemitraan baru' });
    await user.click(within(dialog).getByRole('combobox', { name: /^Media/ }));
    await user.click(await screen.findByRole('option', { name: /Suara Komering FM/, hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Buat pengajuan' }));
    return { seen, app, dialog };
  }

  it('is opened for the outlet picked from the registry, and shown at once', async () => {
    const { seen, app } = await openDialog((request) => (request.method === 'POST' ? json(201, { ...draft, id: '0190f7a0-0000-7000-8000-0000000002b9' }) : undefined));
    expect(await screen.findByText(`Pengajuan Suara Komering FM untuk Tahun Anggaran ${draft.fiscal_year} telah dibuat.`)).toBeInTheDocument();
    expect(seen.find((request) => request.method === 'POST')?.body).toEqual({ outlet_id: draft.outlet_id, fiscal_year: jakartaYear() });
    await waitFor(() => {
      expect(app.address()).toBe('/applications/0190f7a0-0000-7000-8000-0000000002b9');
    });
  });

  it('explains that no window is open today, and leads to the windows', async () => {
    const { dialog } = await openDialog((request) => (request.method === 'POST' ? problem(409, 'no_open_window') : undefined));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Tidak ada periode pendaftaran yang dibuka hari ini untuk tahun anggaran ini. Pengajuan hanya dapat dibuat, dan draf hanya dapat diajukan, selama periode pendaftaran dibuka.',
    );
    expect(within(dialog).getByRole('link', { name: 'Lihat periode pendaftaran' })).toHaveAttribute('href', `/applications/windows?year=${jakartaYear()}`);
  });

  it('leads to the application the outlet already has for the year', async () => {
    const { dialog } = await openDialog((request) => {
      if (request.method === 'POST') return problem(409, 'application_exists');
      if (request.path === '/api/v1/applications' && request.search.includes('outlet_id')) return json(200, { items: [draft], next_cursor: null });
      return undefined;
    });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Media ini sudah memiliki pengajuan untuk tahun anggaran tersebut');
    expect(await within(dialog).findByRole('link', { name: `Buka pengajuan Suara Komering FM Tahun Anggaran ${jakartaYear()}` })).toHaveAttribute(
      'href',
      `/applications/${draft.id}`,
    );
  });

  it.each([
    ['no_policy_for_year', 'Tahun anggaran ini belum memiliki kebijakan'],
    ['company_not_active', 'Perusahaan pers media ini sedang ditangguhkan atau masuk daftar hitam'],
  ])('explains %s in words', async (code, words) => {
    const { dialog } = await openDialog((request) => (request.method === 'POST' ? problem(409, code) : undefined));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(words);
  });
});

describe('Registration windows', () => {
  it('are listed per fiscal year with the one open today marked', async () => {
    const seen = applicationsServer({ who: officer });
    renderApp('/applications/windows?year=2026');
    const table = await screen.findByRole('table', { name: 'Periode pendaftaran Tahun Anggaran 2026' });
    const row = (await within(table).findByText('01/02/2026')).closest('tr')!;
    expect(row).toHaveTextContent('01/02/2026');
    expect(row).toHaveTextContent('31/03/2026');
    expect(row).toHaveTextContent('Dibuka hari ini');
    expect(row).toHaveTextContent(openWindow.note!);
    expect(new URLSearchParams(seen.find((request) => request.path === '/api/v1/registration-windows')?.search).get('fiscal_year')).toBe('2026');
    // Only administrators open and move windows.
    expect(screen.queryByRole('button', { name: 'Buka periode pendaftaran' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Ubah periode/ })).not.toBeInTheDocument();
  });

  it('are opened by an administrator', async () => {
    const seen = applicationsServer({ who: me, handle: (request) => (request.method === 'POST' ? json(201, { ...openWindow, id: '0190f7a0-0000-7000-8000-000000000502', fiscal_year: 2027 }) : undefined) });
    renderApp('/applications/windows?year=2027');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Buka periode pendaftaran' }));
    const dialog = await screen.findByRole('dialog', { name: 'Buka periode pendaftaran' });
    await user.type(within(dialog).getByLabelText(/^Dibuka/), '2026-12-01');
    await user.type(within(dialog).getByLabelText(/^Ditutup/), '2026-11-01');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await within(dialog).findByText('Tanggal tutup tidak boleh sebelum tanggal buka.')).toBeInTheDocument();

    const closes = within(dialog).getByLabelText(/^Ditutup/);
    await user.clear(closes);
    await user.type(closes, '2026-12-31');
    await user.type(within(dialog).getByLabelText(/^Pengumuman/), 'Diumumkan di situs Diskominfo');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText('Periode pendaftaran Tahun Anggaran 2027 telah dibuka.')).toBeInTheDocument();
    expect(seen.find((request) => request.method === 'POST')?.body).toEqual({
      fiscal_year: 2027,
      opens_on: '2026-12-01',
      closes_on: '2026-12-31',
      note: 'Diumumkan di situs Diskominfo',
    });
  });

  it('are moved with If-Match', async () => {
    const seen = applicationsServer({ who: me, handle: (request) => (request.method === 'PATCH' ? json(200, { ...openWindow, closes_on: '2026-04-15', version: 3 }) : undefined) });
    renderApp('/applications/windows?year=2026');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Ubah periode 01/02/2026 sampai 31/03/2026' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ubah periode pendaftaran Tahun Anggaran 2026' });
    const closes = within(dialog).getByLabelText(/^Ditutup/);
    await user.clear(closes);
    await user.type(closes, '2026-04-15');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText('Periode pendaftaran Tahun Anggaran 2026 telah diubah.')).toBeInTheDocument();
    const patch = seen.find((request) => request.method === 'PATCH')!;
    expect(patch.path).toBe(`/api/v1/registration-windows/${openWindow.id}`);
    expect(patch.headers.get('If-Match')).toBe('"2"');
    expect(patch.body).toEqual({ fiscal_year: 2026, opens_on: '2026-02-01', closes_on: '2026-04-15', note: openWindow.note });
  });
});

describe('Expiring documents', () => {
  it('are listed expired first, with the time left in words, leading to their application', async () => {
    const seen = applicationsServer({ who: officer });
    const app = renderApp('/applications/expiring');
    const table = await screen.findByRole('table', { name: 'Berkas akan kedaluwarsa' });
    await within(table).findByRole('link', { name: 'Kayuagung Terkini' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Kedaluwarsa 3 hari lalu');
    expect(rows[0]).toHaveTextContent('01/03/2026');
    expect(within(rows[0]!).getByRole('link', { name: 'Kayuagung Terkini' })).toHaveAttribute('href', `/applications/${inReview.id}`);
    await waitFor(() => {
      expect(rows[0]).toHaveTextContent('Sertifikat verifikasi Dewan Pers');
    });
    expect(rows[1]).toHaveTextContent('20 hari lagi');
    expect(within(rows[1]!).getByRole('link', { name: 'Suara Komering FM' })).toHaveAttribute('href', `/applications/${draft.id}`);
    const asked = () => seen.filter((request) => request.path === '/api/v1/application-documents/expiring');
    expect(new URLSearchParams(asked()[0]?.search).get('within_days')).toBe('30');

    await userEvent.setup().click(screen.getByText('90 hari'));
    await waitFor(() => {
      expect(app.address()).toBe('/applications/expiring?within=90');
    });
    await waitFor(() => {
      expect(new URLSearchParams(asked().at(-1)?.search).get('within_days')).toBe('90');
    });
  });
});
