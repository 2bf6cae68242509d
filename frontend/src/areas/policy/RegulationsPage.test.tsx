import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import type { Regulation } from '../../api/types';
import { json, problem, tokenPair } from '../../test/http';
import { renderApp } from '../../test/render';
import { officer, policyServer, regulation } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

async function openRecord() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Catat peraturan' }));
  return { user, dialog: await screen.findByRole('dialog', { name: 'Catat peraturan' }) };
}

describe('Regulations page', () => {
  it('lists the regulations by kind, number, year and title', async () => {
    policyServer();
    renderApp('/policy/regulations');
    const table = await screen.findByRole('table', { name: 'Peraturan' });
    const row = (await within(table).findByText('Mekanisme Kerja Sama Kemitraan Publikasi melalui Media Massa')).closest('tr')!;
    expect(row).toHaveTextContent('Peraturan Bupati');
    expect(row).toHaveTextContent('54');
    expect(row).toHaveTextContent('2018');
    expect(row).toHaveTextContent('Berlaku 01/10/2018 s.d. —');
  });

  it('records a regulation', async () => {
    const recorded: Regulation = { ...regulation, id: '0190f7a0-0000-7000-8000-0000000000e2', kind: 'sk', number: '500/123/KOMINFO/2026', year: 2026, title: 'Standar Harga Publikasi Media Massa', effective_from: '2026-01-01', effective_until: '2026-12-31' };
    const seen = policyServer({ handle: (request) => (request.method === 'POST' ? json(201, recorded) : undefined) });
    renderApp('/policy/regulations');
    const { user, dialog } = await openRecord();
    await user.click(within(dialog).getByRole('combobox', { name: 'Jenis peraturan' }));
    // Mantine's dropdown stays display:none in jsdom (no transitions end there), so it counts as hidden.
    await user.click(await screen.findByRole('option', { name: 'Surat Keputusan', hidden: true }));
    await user.type(within(dialog).getByRole('textbox', { name: /^Nomor/ }), ' 500/123/KOMINFO/2026 ');
    await user.type(within(dialog).getByRole('textbox', { name: /^Tahun/ }), '2026');
    await user.type(within(dialog).getByRole('textbox', { name: /^Tentang/ }), 'Standar Harga Publikasi Media Massa');
    await user.type(within(dialog).getByLabelText('Berlaku sejak'), '2026-01-01');
    await user.type(within(dialog).getByLabelText('Berlaku sampai'), '2026-12-31');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));

    expect(await screen.findByText('Surat Keputusan Nomor 500/123/KOMINFO/2026 Tahun 2026 tentang Standar Harga Publikasi Media Massa telah dicatat.')).toBeInTheDocument();
    expect(seen.find((request) => request.method === 'POST')?.body).toEqual({
      kind: 'sk',
      number: '500/123/KOMINFO/2026',
      year: 2026,
      title: 'Standar Harga Publikasi Media Massa',
      effective_from: '2026-01-01',
      effective_until: '2026-12-31',
    });
  });

  it('checks the year and dates like the server before sending', async () => {
    const seen = policyServer();
    renderApp('/policy/regulations');
    const { user, dialog } = await openRecord();
    await user.type(within(dialog).getByRole('textbox', { name: /^Nomor/ }), '54');
    await user.type(within(dialog).getByRole('textbox', { name: /^Tahun/ }), '1900');
    await user.type(within(dialog).getByRole('textbox', { name: /^Tentang/ }), 'Mekanisme');
    await user.type(within(dialog).getByLabelText('Berlaku sejak'), '2019-01-01');
    await user.type(within(dialog).getByLabelText('Berlaku sampai'), '2018-01-01');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await within(dialog).findByText('Isi tahun antara 1945 dan 2100.')).toBeInTheDocument();
    expect(within(dialog).getByText('Tanggal akhir tidak boleh sebelum tanggal mulai berlaku.')).toBeInTheDocument();
    expect(within(dialog).getByText('Wajib diisi.')).toBeInTheDocument();
    expect(seen.some((request) => request.method === 'POST')).toBe(false);
  });

  it('puts regulation_exists on the number', async () => {
    policyServer({ handle: (request) => (request.method === 'PATCH' ? problem(409, 'regulation_exists') : undefined) });
    renderApp('/policy/regulations');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Ubah peraturan nomor 54 tahun 2018' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ubah data peraturan' });
    const number = within(dialog).getByRole('textbox', { name: /^Nomor/ });
    await user.clear(number);
    await user.type(number, '55');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    await waitFor(() => {
      expect(number).toHaveAttribute('aria-invalid', 'true');
    });
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Peraturan ini sudah tercatat.');
  });

  it('lets an officer read the list without a way to change it', async () => {
    policyServer({ who: officer });
    renderApp('/policy/regulations');
    await within(await screen.findByRole('table', { name: 'Peraturan' })).findByText('54');
    expect(screen.queryByRole('button', { name: 'Catat peraturan' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Ubah peraturan/ })).not.toBeInTheDocument();
  });
});
