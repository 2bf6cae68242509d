import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { fakeServer, json, me, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import type { Letterhead } from './model';

const admin = { ...me, permissions: [...me.permissions, 'letterhead.manage'] };

const unset: Letterhead = {
  government: 'PEMERINTAH KABUPATEN OGAN KOMERING ILIR',
  office: '',
  address: '',
  phone: null,
  email: null,
  website: null,
  city: '',
  signatory_name: '',
  signatory_title: '',
  signatory_nip: null,
  updated_at: null,
  version: 0,
};

function letterheadServer(handle: (request: Seen) => Response | undefined = () => undefined, who: object = admin) {
  return fakeServer((request) => {
    if (request.path === '/api/v1/me') return json(200, who);
    const answer = handle(request);
    if (answer) return answer;
    if (request.path === '/api/v1/letterhead' && request.method === 'GET') return json(200, unset, { ETag: '"0"' });
    return undefined;
  });
}

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

describe('The letterhead', () => {
  it('says it is not set yet, and is set whole with If-Match, blanks sent as none', async () => {
    const seen = letterheadServer((request) =>
      request.method === 'PUT' ? json(200, { ...unset, ...(request.body as object), updated_at: '2026-11-27T10:00:00Z', version: 1 }) : undefined,
    );
    renderApp('/letterhead');
    expect(await screen.findByText('Kop surat belum diatur')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Atur kop surat' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kop surat dan penanda tangan' });
    const type = async (label: RegExp, text: string) => {
      const input = within(dialog).getByLabelText(label);
      await user.clear(input);
      await user.type(input, text);
    };
    await type(/^Perangkat daerah/, 'DINAS KOMUNIKASI DAN INFORMATIKA');
    await type(/^Alamat/, 'Jalan Letnan Mukhtar Saleh, Kayuagung');
    await type(/^Tempat penandatanganan/, 'Kayuagung');
    await type(/^Nama penanda tangan/, 'Ahmad Rizal');
    await type(/^Jabatan penanda tangan/, 'Kepala Dinas');
    await type(/^NIP penanda tangan/, '19780512 200501 1 003');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    await waitFor(() => {
      expect(seen.some((request) => request.method === 'PUT')).toBe(true);
    });
    const put = seen.find((request) => request.method === 'PUT');
    expect(put?.headers.get('If-Match')).toBe('"0"');
    expect(put?.body).toEqual({
      government: 'PEMERINTAH KABUPATEN OGAN KOMERING ILIR',
      office: 'DINAS KOMUNIKASI DAN INFORMATIKA',
      address: 'Jalan Letnan Mukhtar Saleh, Kayuagung',
      phone: null,
      email: null,
      website: null,
      city: 'Kayuagung',
      signatory_name: 'Ahmad Rizal',
      signatory_title: 'Kepala Dinas',
      signatory_nip: '19780512 200501 1 003',
    });
  });

  it('refuses a malformed NIP or email before sending anything', async () => {
    const seen = letterheadServer();
    renderApp('/letterhead');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Atur kop surat' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kop surat dan penanda tangan' });
    for (const [label, text] of [
      [/^Perangkat daerah/, 'DINAS KOMINFO'],
      [/^Alamat/, 'Jalan Letnan Mukhtar Saleh'],
      [/^Tempat penandatanganan/, 'Kayuagung'],
      [/^Nama penanda tangan/, 'Ahmad Rizal'],
      [/^Jabatan penanda tangan/, 'Kepala Dinas'],
      [/^NIP penanda tangan/, '1978'],
    ] as const) {
      await user.type(within(dialog).getByLabelText(label), text);
    }
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await within(dialog).findByText('NIP terdiri dari 18 angka.')).toBeInTheDocument();
    expect(seen.some((request) => request.method === 'PUT')).toBe(false);
    await user.clear(within(dialog).getByLabelText(/^NIP penanda tangan/));
    await user.type(within(dialog).getByLabelText(/^Email/), 'kominfo@oki');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await within(dialog).findByText('Bukan alamat email.')).toBeInTheDocument();
    expect(seen.some((request) => request.method === 'PUT')).toBe(false);
  });

  it('is not offered to those who may not set it', async () => {
    letterheadServer(undefined, me);
    renderApp('/letterhead');
    expect(await screen.findByRole('heading', { name: 'Akses ditolak' })).toBeInTheDocument();
  });
});
