import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import type { PolicyVersion } from '../../api/types';
import { fakeServer, json, me, tokenPair } from '../../test/http';
import { renderApp } from '../../test/render';
import { officer, policyServer, presets, summary, version } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

describe('Policy page', () => {
  it('shows the version in force with its revision, source and legal basis', async () => {
    policyServer();
    renderApp('/policy?year=2026');
    expect(await screen.findByRole('heading', { level: 2, name: 'Tahun Anggaran 2026 revisi 1' })).toBeInTheDocument();
    expect(screen.getByText('Berlaku')).toBeInTheDocument();
    expect(await screen.findByText('Bersumber dari standar bawaan: Standar Kabupaten Ogan Komering Ilir')).toBeInTheDocument();
    expect(
      await screen.findByText('Peraturan Bupati Nomor 54 Tahun 2018 tentang Mekanisme Kerja Sama Kemitraan Publikasi melalui Media Massa'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Sudah dipakai')).not.toBeInTheDocument();
  });

  it('shows tax settings as percentages and the other settings by name', async () => {
    policyServer();
    renderApp('/policy?year=2026');
    const tax = await screen.findByRole('table', { name: 'Pajak dan bea meterai' });
    const row = (label: string) => within(tax).getByRole('rowheader', { name: label }).closest('tr')!;
    expect(row('PPh Pasal 23')).toHaveTextContent('2%');
    expect(row('PPh Pasal 23 bagi penerima tanpa NPWP')).toHaveTextContent('4%');
    expect(row('Tarif PPN efektif')).toHaveTextContent('11%');
    expect(row('Bea meterai')).toHaveTextContent('Rp 10.000 untuk dokumen bernilai di atas Rp 5.000.000');
    expect(screen.getByText('Perseroan Terbatas (PT)')).toBeInTheDocument();
    const minimums = screen.getByRole('table', { name: 'Status Dewan Pers paling rendah' });
    expect(within(minimums).getByRole('row', { name: /Media siber/ })).toHaveTextContent('Terverifikasi administratif');
    expect(within(screen.getByRole('table', { name: 'Penomoran dokumen' })).getByText('{seq:4}/SP/{unit}/{month}/{year}')).toBeInTheDocument();
  });

  it('offers an admin the preset, with its note, for a year without a policy', async () => {
    const created: PolicyVersion = { ...version, id: '0190f7a0-0000-7000-8000-0000000000f2', fiscal_year: 2027 };
    const seen = policyServer({ handle: (request) => (request.method === 'POST' ? json(201, created) : undefined) });
    const { address } = renderApp('/policy?year=2027');
    expect(await screen.findByText('Belum ada kebijakan untuk Tahun Anggaran 2027')).toBeInTheDocument();
    const preset = await screen.findByRole('region', { name: 'Standar Kabupaten Ogan Komering Ilir' });
    expect(within(preset).getByText(/^Setiap nilai adalah bawaan yang dapat diubah/)).toBeInTheDocument();
    expect(within(preset).getByText('Nilai bawaan yang dapat diubah')).toBeInTheDocument();
    await userEvent.setup().click(within(preset).getByRole('button', { name: 'Gunakan Standar Kabupaten Ogan Komering Ilir' }));
    expect(await screen.findByText('Kebijakan Tahun Anggaran 2027 revisi 1 telah dibuat.')).toBeInTheDocument();
    expect(seen.find((request) => request.method === 'POST')?.body).toEqual({ fiscal_year: 2027, preset: 'oki' });
    expect(address()).toBe('/policy?year=2027');
  });

  it('lets an admin copy another year into a year without a policy', async () => {
    const seen = policyServer({ handle: (request) => (request.method === 'POST' ? json(201, { ...version, fiscal_year: 2027 }) : undefined) });
    renderApp('/policy?year=2027');
    const copy = await screen.findByRole('region', { name: 'Salin dari tahun lain' });
    const user = userEvent.setup();
    await user.click(within(copy).getByRole('combobox', { name: 'Versi yang disalin' }));
    // Mantine's dropdown stays display:none in jsdom (no transitions end there), so it counts as hidden.
    await user.click(await screen.findByRole('option', { name: 'Tahun Anggaran 2026 revisi 1', hidden: true }));
    await user.click(within(copy).getByRole('button', { name: 'Salin' }));
    await waitFor(() => {
      expect(seen.find((request) => request.method === 'POST')?.body).toEqual({ fiscal_year: 2027, copy_of: version.id });
    });
  });

  it('tells an officer the year has no policy, without a way to create one', async () => {
    const seen = policyServer({ who: officer });
    renderApp('/policy?year=2027');
    expect(await screen.findByText('Administrator belum menetapkan kebijakan untuk tahun ini.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Gunakan / })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Salin' })).not.toBeInTheDocument();
    expect(seen.some((request) => request.path === '/api/v1/policy/presets')).toBe(false);
  });

  it('lets an officer read every tab but change nothing', async () => {
    policyServer({ who: officer });
    renderApp('/policy?year=2026&tab=rates');
    await screen.findByRole('table', { name: 'Standar harga Media siber' });
    expect(screen.queryByRole('button', { name: 'Ubah standar harga' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Salin/ })).not.toBeInTheDocument();
  });

  it('opens the year and tab the address names, and keeps the picked tab in it', async () => {
    policyServer();
    const { address } = renderApp('/policy?year=2026&tab=rules');
    expect(await screen.findByRole('table', { name: 'Syarat kelayakan' })).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('tab', { name: 'Standar harga' }));
    expect(address()).toBe('/policy?year=2026&tab=rates');
  });

  it('marks a version in use as frozen, offering copies instead of edits', async () => {
    const frozen: PolicyVersion = { ...version, used_at: '2026-03-01T03:00:00Z' };
    const seen = policyServer({
      shown: frozen,
      handle: (request) => (request.method === 'POST' ? json(201, { ...frozen, id: '0190f7a0-0000-7000-8000-0000000000f3', revision: 2, used_at: null }) : undefined),
    });
    renderApp('/policy?year=2026&tab=rates');
    await screen.findByRole('table', { name: 'Standar harga Media siber' });
    expect(screen.getByText('Sudah dipakai')).toBeInTheDocument();
    expect(screen.getByText(/^Versi ini telah dipakai dalam keputusan sejak 01\/03\/2026/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ubah standar harga' })).not.toBeInTheDocument();
    for (const tab of ['Persyaratan berkas', 'Syarat kelayakan']) {
      await userEvent.setup().click(screen.getByRole('tab', { name: tab }));
      expect(screen.queryByRole('button', { name: /^Ubah / })).not.toBeInTheDocument();
    }
    expect(screen.getByRole('button', { name: 'Salin ke tahun 2027' })).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Salin menjadi revisi baru' }));
    const dialog = await screen.findByRole('dialog', { name: 'Salin menjadi revisi baru' });
    await user.click(within(dialog).getByRole('button', { name: 'Salin' }));
    expect(await screen.findByText('Kebijakan Tahun Anggaran 2026 revisi 2 telah dibuat.')).toBeInTheDocument();
    expect(seen.find((request) => request.method === 'POST')?.body).toEqual({ fiscal_year: 2026, copy_of: frozen.id });
  });

  it('copies a version to the next year after the admin confirms', async () => {
    const seen = policyServer({ handle: (request) => (request.method === 'POST' ? json(201, { ...version, fiscal_year: 2027 }) : undefined) });
    const { address } = renderApp('/policy?year=2026');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Salin ke tahun 2027' }));
    const dialog = await screen.findByRole('dialog', { name: 'Salin ke tahun 2027' });
    expect(dialog).toHaveTextContent('Salin Tahun Anggaran 2026 revisi 1 menjadi kebijakan Tahun Anggaran 2027?');
    await user.click(within(dialog).getByRole('button', { name: 'Salin' }));
    await waitFor(() => {
      expect(address()).toBe('/policy?year=2027');
    });
    expect(seen.find((request) => request.method === 'POST')?.body).toEqual({ fiscal_year: 2027, copy_of: version.id });
  });

  it('lists the year\'s other revisions, each opening as no longer in force', async () => {
    const first: PolicyVersion = { ...version, used_at: '2026-02-01T00:00:00Z' };
    const second: PolicyVersion = { ...version, id: '0190f7a0-0000-7000-8000-0000000000f2', revision: 2, source: `version:${first.id}` };
    const summaries = [second, first].map(summary);
    fakeServer(({ method, path }) => {
      if (method !== 'GET') return undefined;
      if (path === '/api/v1/me') return json(200, me);
      if (path === '/api/v1/policy-versions/current') return json(200, second);
      if (path === '/api/v1/policy-versions') return json(200, { items: summaries, next_cursor: null });
      if (path === `/api/v1/policy-versions/${first.id}`) return json(200, first);
      if (path === '/api/v1/policy/presets') return json(200, presets);
      return undefined;
    });
    const { address } = renderApp('/policy?year=2026');
    expect(await screen.findByRole('heading', { level: 2, name: 'Tahun Anggaran 2026 revisi 2' })).toBeInTheDocument();
    expect(await screen.findByText('Disalin dari')).toHaveTextContent('Disalin dari Tahun Anggaran 2026 revisi 1');
    const revisions = screen.getByRole('table', { name: 'Revisi lain tahun ini' });
    const row = (await within(revisions).findByRole('link', { name: 'Revisi 1' })).closest('tr')!;
    expect(row).toHaveTextContent('Sudah dipakai');
    expect(within(revisions).queryByRole('link', { name: 'Revisi 2' })).not.toBeInTheDocument();

    await userEvent.setup().click(within(row).getByRole('link', { name: 'Revisi 1' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Tahun Anggaran 2026 revisi 1' })).toBeInTheDocument();
    expect(address()).toBe(`/policy/versions/${first.id}`);
    expect(await screen.findByText('Tidak berlaku lagi')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Kembali ke kebijakan tahun anggaran 2026' })).toBeInTheDocument();
  });
});
