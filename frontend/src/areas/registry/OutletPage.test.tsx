import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { jakartaYear } from '../../format';
import { json, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { auditor, company, evaluation, lapsed, officer, outlet, registryServer } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const page = `/registry/outlets/${outlet.id}`;
const judged = (seen: Seen[]) => seen.filter((request) => request.path === `/api/v1/outlets/${outlet.id}/eligibility`);

async function judgement() {
  return screen.findByRole('table', { name: 'Penilaian per syarat' });
}

function ruleRow(table: HTMLElement, name: string) {
  return within(table).getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr')!;
}

describe('An outlet', () => {
  it('shows its profile, with its company by name', async () => {
    registryServer();
    renderApp(page);
    expect(await screen.findByRole('heading', { level: 1, name: 'Kayuagung Terkini' })).toBeInTheDocument();
    const profile = screen.getByRole('table', { name: 'Profil media' });
    const row = (name: string) => within(profile).getByRole('rowheader', { name }).closest('tr')!;
    expect(row('Jenis media')).toHaveTextContent('Media siber');
    expect(row('Kunjungan per bulan')).toHaveTextContent('180.000 kunjungan per bulan');
    expect(row('Terbit pertama kali')).toHaveTextContent('01/03/2017');
    expect(await within(row('Perusahaan pers')).findByRole('link', { name: company.legal_name })).toHaveAttribute('href', `/registry/companies/${company.id}`);
  });

  it('edits the outlet by sending its whole profile with If-Match', async () => {
    const seen = registryServer({ who: officer, handle: (request) => (request.method === 'PATCH' ? json(200, { ...outlet, version: 3 }) : undefined) });
    renderApp(page);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Ubah media' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ubah media Kayuagung Terkini' });
    const visitors = within(dialog).getByLabelText(/Kunjungan per bulan/);
    expect(visitors).toHaveValue('180.000');
    await user.clear(visitors);
    await user.type(visitors, '200.000');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText('Media Kayuagung Terkini telah diperbarui.')).toBeInTheDocument();
    const patch = seen.find((request) => request.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"2"');
    expect(patch.body).toEqual({
      company_id: company.id,
      media_type: 'online',
      name: 'Kayuagung Terkini',
      scale: 'local',
      periodicity: 'continuous',
      url: outlet.url,
      first_published: '2017-03-01',
      frequency: null,
      circulation: null,
      monthly_visitors: 200000,
      claims_evidence: outlet.claims_evidence,
      broadcast_licence: null,
      broadcast_licence_until: null,
    });
  });

  it('offers an auditor no way to change it', async () => {
    registryServer({ who: auditor });
    renderApp(page);
    await judgement();
    expect(screen.queryByRole('button', { name: 'Ubah media' })).not.toBeInTheDocument();
  });
});

describe('The eligibility panel', () => {
  it('judges the year in progress in Jakarta unless the address names another', async () => {
    const seen = registryServer();
    const app = renderApp(page);
    await judgement();
    const year = jakartaYear();
    expect(new URLSearchParams(judged(seen)[0]?.search).get('fiscal_year')).toBe(String(year));
    expect(screen.getByRole('combobox', { name: 'Tahun anggaran' })).toHaveValue(String(year));

    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: 'Tahun anggaran' }));
    await user.click(await screen.findByRole('option', { name: String(year + 1), hidden: true }));
    await waitFor(() => {
      expect(app.address()).toBe(`${page}?year=${year + 1}`);
    });
    await waitFor(() => {
      expect(new URLSearchParams(judged(seen).at(-1)?.search).get('fiscal_year')).toBe(String(year + 1));
    });
  });

  it('shows each rule with its verdict, what it asks and what the registry holds, in words', async () => {
    registryServer();
    renderApp(`${page}?year=2026`);
    const table = await judgement();

    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Tidak layak untuk Tahun Anggaran 2026');
    expect(status).toHaveTextContent('Dari 5 syarat, 2 tidak terpenuhi dan 1 datanya belum lengkap.');

    // Named as the policy names them, or by their kind when the policy does not say.
    const form = await waitFor(() => ruleRow(table, 'Berbadan hukum PT, yayasan atau koperasi'));
    expect(form).toHaveTextContent('Memenuhi');
    expect(form).toHaveTextContent('Berbentuk Perseroan Terbatas (PT), Yayasan, atau Koperasi');
    expect(form).toHaveTextContent('badan_hukum');

    const staff = ruleRow(table, 'Karyawan paling sedikit 5 orang');
    expect(staff).toHaveTextContent('Tidak memenuhi');
    expect(staff).toHaveTextContent('Paling sedikit 5 karyawan');
    expect(staff).toHaveTextContent('3 karyawan');

    const editor = ruleRow(table, 'Kompetensi pemimpin redaksi');
    expect(editor).toHaveTextContent('Data belum lengkap');
    expect(editor).toHaveTextContent('Pemimpin redaksi bersertifikat paling rendah Wartawan Utama');
    expect(editor).toHaveTextContent('Belum tercatat');
    expect(editor).toHaveTextContent('Catat pemimpin redaksi tahun anggaran 2026 beserta jenjang kompetensinya.');

    const council = ruleRow(table, 'Status Dewan Pers');
    expect(council).toHaveTextContent('Status Dewan Pers yang masih berlaku, paling rendah Terverifikasi administratif');
    expect(council).toHaveTextContent('Terverifikasi administratif, kedaluwarsa sejak 31/01/2020');

    const capital = ruleRow(table, 'Modal disetor');
    expect(capital).toHaveTextContent('Modal disetor paling sedikit Rp 50.000.000');
    expect(capital).toHaveTextContent('Rp 250.000.000');
  });

  it('says when the outlet is eligible', async () => {
    const passing = { eligible: true, rules: evaluation.rules.filter((rule) => rule.verdict === 'pass') };
    registryServer({ handle: (request) => (request.path.endsWith('/eligibility') ? json(200, passing) : undefined) });
    renderApp(`${page}?year=2026`);
    await judgement();
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Layak untuk Tahun Anggaran 2026');
    expect(status).toHaveTextContent('Memenuhi semua 2 syarat yang berlaku.');
  });

  it('warns that a sanctioned company is not contracted, whatever the rules say', async () => {
    const suspended = { ...lapsed, id: company.id, status: 'suspended' };
    registryServer({ handle: (request) => (request.path === `/api/v1/press-companies/${company.id}` ? json(200, suspended) : undefined) });
    renderApp(`${page}?year=2026`);
    await judgement();
    expect(await screen.findByText(/^Perusahaan pers media ini sedang ditangguhkan/)).toBeInTheDocument();
  });

  it('says the year has no policy when the server finds none', async () => {
    registryServer({ handle: (request) => (request.path.endsWith('/eligibility') ? problem(404, 'not_found') : undefined) });
    renderApp(`${page}?year=2031`);
    expect(await screen.findByText('Belum ada kebijakan untuk Tahun Anggaran 2031')).toBeInTheDocument();
    expect(screen.getByText(/^Kelayakan baru dapat dinilai setelah administrator menetapkan kebijakan/)).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Penilaian per syarat' })).not.toBeInTheDocument();
    expect(screen.queryByText('Data yang dicari tidak ditemukan.')).not.toBeInTheDocument();
  });

  it('shows evidence of a shape it does not know rather than hiding it', async () => {
    const odd = { eligible: false, rules: [{ rule: 'baru', kind: 'local_office', verdict: 'fail', expected: { local_office: true }, found: { office: 'Palembang' } }] };
    registryServer({ handle: (request) => (request.path.endsWith('/eligibility') ? json(200, odd) : undefined) });
    renderApp(`${page}?year=2026`);
    const table = await judgement();
    const row = ruleRow(table, 'Kantor di daerah');
    expect(row).toHaveTextContent('Kantor atau biro di daerah');
    expect(row).toHaveTextContent('office: Palembang');
  });
});

describe('Outlets list', () => {
  it('names each outlet with its company, and puts the filters into the address and the request', async () => {
    const seen = registryServer();
    const app = renderApp('/registry/outlets');
    const table = await screen.findByRole('table', { name: 'Media' });
    const row = (await within(table).findByRole('link', { name: 'Kayuagung Terkini' })).closest('tr')!;
    expect(await within(row).findByRole('link', { name: company.legal_name })).toBeInTheDocument();
    expect(row).toHaveTextContent('Media siber');

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Cari nama media'), 'terkini');
    await user.click(screen.getByRole('combobox', { name: 'Jenis media' }));
    await user.click(await screen.findByRole('option', { name: 'Media siber', hidden: true }));
    await user.click(screen.getByRole('combobox', { name: 'Perusahaan pers' }));
    await user.click(await screen.findByRole('option', { name: company.legal_name, hidden: true }));
    // The search settles while the selects change: none of the three is lost.
    await waitFor(() => {
      const address = new URL(app.address(), 'http://localhost');
      expect(address.pathname).toBe('/registry/outlets');
      expect(Object.fromEntries(address.searchParams)).toEqual({ q: 'terkini', media_type: 'online', company: company.id });
    });
    await waitFor(() => {
      const query = new URLSearchParams(seen.filter((request) => request.path === '/api/v1/outlets').at(-1)?.search);
      expect([query.get('q'), query.get('media_type'), query.get('company_id')]).toEqual(['terkini', 'online', company.id]);
    });
  });
});
