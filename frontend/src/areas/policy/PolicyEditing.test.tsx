import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import type { PolicyVersion } from '../../api/types';
import { json, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { policy, policyServer, version } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

/** The version the server keeps after applying a PATCH's sections. */
function applied(request: Seen): PolicyVersion {
  const { policy: changes } = request.body as { policy: Partial<PolicyVersion['policy']> };
  return { ...version, version: version.version + 1, policy: { ...policy, ...changes } };
}

/** The server answering a PATCH with `answer`, or applying it; later reads show what it kept. */
function patching(answer: (request: Seen) => Response = (request) => json(200, applied(request))) {
  let kept = version;
  return policyServer({
    handle: (request) => {
      if (request.method === 'PATCH') {
        const response = answer(request);
        if (response.ok) kept = applied(request);
        return response;
      }
      return request.path === '/api/v1/policy-versions/current' ? json(200, kept) : undefined;
    },
  });
}

const patchOf = (seen: Seen[]) => seen.find((request) => request.method === 'PATCH');

/** "Rp 1.500.000" as Intl writes it, with a no-break space (text queries read it as a space). */
const rp = (grouped: string) => `Rp\u00a0${grouped}`;

async function openRateCardEditor() {
  renderApp('/policy?year=2026&tab=rates');
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Ubah standar harga' }));
  return { user, editor: await screen.findByRole('form', { name: 'Ubah standar harga' }) };
}

describe('The rate card', () => {
  it('shows prices in rupiah, by media type, product and tier', async () => {
    policyServer();
    renderApp('/policy?year=2026&tab=rates');
    const online = await screen.findByRole('table', { name: 'Standar harga Media siber' });
    const advertorial = within(online).getByRole('rowheader', { name: /^Advertorial/ }).closest('tr')!;
    expect([...advertorial.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual([rp('2.000.000'), rp('1.000.000'), rp('500.000')]);
    const banner = within(online).getByRole('rowheader', { name: /^Banner/ }).closest('tr')!;
    expect([...banner.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual([rp('1.500.000'), '—', '—']);
    expect(within(screen.getByRole('table', { name: 'Standar harga Media cetak' })).getByText('Rp 5.000.000')).toBeInTheDocument();
  });

  it('saves an edited price by sending the rate card alone, with If-Match', async () => {
    const seen = patching();
    const { user, editor } = await openRateCardEditor();
    const price = within(editor).getByRole('textbox', { name: 'Harga Advertorial, Golongan C, Media siber' });
    expect(price).toHaveValue('500.000');
    await user.clear(price);
    await user.type(price, '750.000');
    await user.click(within(editor).getByRole('button', { name: 'Simpan' }));

    expect(await screen.findByText('Kebijakan Tahun Anggaran 2026 revisi 1 telah disimpan.')).toBeInTheDocument();
    const patch = patchOf(seen)!;
    expect(patch.path).toBe(`/api/v1/policy-versions/${version.id}`);
    expect(patch.headers.get('If-Match')).toBe('"3"');
    const rateCard = policy.rate_card.map((rate, index) => (index === 2 ? { ...rate, max_unit_price: { amount: '750000', currency: 'IDR' } } : rate));
    expect(patch.body).toEqual({ policy: { rate_card: rateCard } });
    // The saved price shows at once.
    const online = await screen.findByRole('table', { name: 'Standar harga Media siber' });
    expect(within(online).getByText('Rp 750.000')).toBeInTheDocument();
  });

  it('puts a server field error on the row of the rate it names', async () => {
    patching(() =>
      problem(400, 'validation_failed', { errors: [{ field: 'policy.rate_card[2].max_unit_price', code: 'out_of_range', message: 'server prose' }] }),
    );
    const { user, editor } = await openRateCardEditor();
    const price = within(editor).getByRole('textbox', { name: 'Harga Advertorial, Golongan C, Media siber' });
    await user.clear(price);
    await user.type(price, '999.999.999');
    await user.click(within(editor).getByRole('button', { name: 'Simpan' }));

    await waitFor(() => {
      expect(price).toHaveAttribute('aria-invalid', 'true');
    });
    expect(price).toHaveAccessibleDescription('Nilai di luar rentang yang diizinkan.');
    const row = price.closest('tr')!;
    expect(within(row).getByRole('rowheader')).toHaveTextContent(/^Advertorial/);
    expect(within(row).getByText('Nilai di luar rentang yang diizinkan.')).toBeInTheDocument();
    expect(within(editor).getByRole('textbox', { name: 'Harga Advertorial, Golongan A, Media siber' })).not.toHaveAttribute('aria-invalid', 'true');
    expect(within(editor).getByRole('alert')).toHaveTextContent('Data yang dikirim tidak valid. Periksa isian yang ditandai.');
    expect(screen.queryByText(/server prose/)).not.toBeInTheDocument();
  });

  it('refuses a price that is not whole rupiah before sending it', async () => {
    const seen = patching();
    const { user, editor } = await openRateCardEditor();
    const price = within(editor).getByRole('textbox', { name: 'Harga Banner, Golongan A, Media siber' });
    await user.clear(price);
    await user.type(price, '1.500.000,50');
    await user.click(within(editor).getByRole('button', { name: 'Simpan' }));
    expect(await within(editor).findByText('Isi dengan rupiah utuh tanpa sen, mis. 1.500.000.')).toBeInTheDocument();
    expect(patchOf(seen)).toBeUndefined();
  });

  it('says someone else saved first, and shows their version, when the save is stale', async () => {
    const seen = patching(() => problem(412, 'precondition_failed'));
    const { user, editor } = await openRateCardEditor();
    const price = within(editor).getByRole('textbox', { name: 'Harga Advertorial, Golongan A, Media siber' });
    await user.clear(price);
    await user.type(price, '2.500.000');
    const reads = seen.filter((request) => request.path === '/api/v1/policy-versions/current').length;
    await user.click(within(editor).getByRole('button', { name: 'Simpan' }));

    expect(await screen.findByText(/^Pengguna lain telah menyimpan perubahan pada versi ini lebih dahulu/)).toBeInTheDocument();
    expect(screen.getByText('Perubahan tidak disimpan')).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByRole('form', { name: 'Ubah standar harga' })).not.toBeInTheDocument();
    });
    await waitFor(() => {
      expect(seen.filter((request) => request.path === '/api/v1/policy-versions/current').length).toBeGreaterThan(reads);
    });
  });
});

describe('The requirements', () => {
  it('show each requirement with its media types, file types and size, filterable by media type', async () => {
    policyServer();
    renderApp('/policy?year=2026&tab=requirements');
    const table = await screen.findByRole('table', { name: 'Persyaratan berkas' });
    const npwp = within(table).getByText('NPWP perusahaan').closest('tr')!;
    expect(npwp).toHaveTextContent('Wajib');
    expect(npwp).toHaveTextContent('PDF, JPEG');
    expect(npwp).toHaveTextContent('2 MB');
    const certificate = within(table).getByText('Sertifikat verifikasi Dewan Pers').closest('tr')!;
    expect(certificate).toHaveTextContent('Tidak wajib');
    expect(certificate).toHaveTextContent('Dicatat');
    expect(certificate).toHaveTextContent('5 MB');

    await userEvent.setup().click(screen.getByRole('radio', { name: 'Media cetak' }));
    expect(within(table).queryByText('Sertifikat verifikasi Dewan Pers')).not.toBeInTheDocument();
    expect(within(table).getByText('NPWP perusahaan')).toBeInTheDocument();
  });

  it('sends the edited requirements alone, sizes in bytes', async () => {
    const seen = patching();
    renderApp('/policy?year=2026&tab=requirements');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Ubah persyaratan' }));
    const editor = await screen.findByRole('form', { name: 'Ubah persyaratan' });
    await user.click(within(editor).getByRole('switch', { name: 'Wajib: Sertifikat verifikasi Dewan Pers' }));
    const size = within(editor).getByRole('textbox', { name: 'Ukuran paling besar dalam MB untuk NPWP perusahaan' });
    await user.clear(size);
    await user.type(size, '1,5');
    await user.click(within(within(editor).getByRole('group', { name: 'Jenis berkas untuk NPWP perusahaan' })).getByRole('checkbox', { name: 'PNG' }));
    await user.click(within(editor).getByRole('button', { name: 'Simpan' }));

    await screen.findByText('Kebijakan Tahun Anggaran 2026 revisi 1 telah disimpan.');
    const [npwp, certificate] = policy.requirements;
    expect(patchOf(seen)?.body).toEqual({
      policy: {
        requirements: [
          { ...npwp, max_size_bytes: 1_572_864, file_types: ['pdf', 'jpeg', 'png'] },
          { ...certificate, mandatory: true },
        ],
      },
    });
  });

  it('adds and removes requirements, and shows a server error on the row it names', async () => {
    const seen = patching(() =>
      problem(400, 'validation_failed', { errors: [{ field: 'policy.requirements[1].code', code: 'invalid_format', message: 'x' }] }),
    );
    renderApp('/policy?year=2026&tab=requirements');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Ubah persyaratan' }));
    const editor = await screen.findByRole('form', { name: 'Ubah persyaratan' });
    await user.click(within(editor).getByRole('button', { name: 'Hapus Sertifikat verifikasi Dewan Pers' }));
    await user.click(within(editor).getByRole('button', { name: 'Tambah persyaratan' }));
    await user.type(within(editor).getByRole('textbox', { name: /^Kode/ }), 'Surat Domisili');
    await user.type(within(editor).getByRole('textbox', { name: 'Nama (Bahasa Indonesia)' }), 'Surat keterangan domisili');
    await user.type(within(editor).getByRole('textbox', { name: 'Nama (Bahasa Inggris)' }), 'Domicile letter');
    await user.click(within(editor).getByRole('button', { name: 'Simpan' }));

    const code = within(editor).getByRole('textbox', { name: /^Kode/ });
    await waitFor(() => {
      expect(code).toHaveAttribute('aria-invalid', 'true');
    });
    expect(within(code.closest('tr')!).getByText('Format tidak valid.')).toBeInTheDocument();
    const sent = (patchOf(seen)?.body as { policy: { requirements: { code: string; max_size_bytes: number }[] } }).policy.requirements;
    expect(sent.map((requirement) => requirement.code)).toEqual(['npwp', 'Surat Domisili']);
    expect(sent[1]?.max_size_bytes).toBe(5_242_880);
  });
});

describe('The eligibility rules', () => {
  it('say in words what each rule asks, and for which media', async () => {
    policyServer();
    renderApp('/policy?year=2026&tab=rules');
    const table = await screen.findByRole('table', { name: 'Syarat kelayakan' });
    const staff = within(table).getByText('Paling sedikit 5 karyawan').closest('tr')!;
    expect(staff).toHaveTextContent('Jumlah karyawan');
    expect(staff).toHaveTextContent('Media cetak');
    expect(staff).toHaveTextContent('Media siber');
    expect(within(table).getByText('Modal disetor paling sedikit Rp 50.000.000')).toBeInTheDocument();
  });

  it('switch a rule off for a media type and change its parameter', async () => {
    const seen = patching();
    renderApp('/policy?year=2026&tab=rules');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Ubah syarat kelayakan' }));
    const editor = await screen.findByRole('form', { name: 'Ubah syarat kelayakan' });
    await user.click(within(editor).getByRole('checkbox', { name: 'Karyawan paling sedikit 5 orang berlaku untuk Media cetak' }));
    const count = within(editor).getByRole('textbox', { name: 'Ketentuan Karyawan paling sedikit 5 orang' });
    await user.clear(count);
    await user.type(count, '10');
    const capital = within(editor).getByRole('textbox', { name: 'Ketentuan Modal disetor' });
    expect(capital).toHaveValue('50.000.000');
    await user.clear(capital);
    await user.type(capital, '100.000.000');
    await user.click(within(editor).getByRole('button', { name: 'Simpan' }));

    await screen.findByText('Kebijakan Tahun Anggaran 2026 revisi 1 telah disimpan.');
    const [staff, capitalRule, pressCouncil] = policy.rules;
    expect(patchOf(seen)?.body).toEqual({
      policy: {
        rules: [
          { ...staff, media_types: ['online'], check: { kind: 'staff_at_least', count: 10 } },
          { ...capitalRule, check: { kind: 'paid_up_capital_at_least', amount: { amount: '100000000', currency: 'IDR' } } },
          pressCouncil,
        ],
      },
    });
  });
});
