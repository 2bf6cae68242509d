import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, problem, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { auditor, catchDownloads, reportServer, signInEachTest } from './fixtures';
import type { OpenDataSettings } from './openData';

const SETTINGS: OpenDataSettings = {
  ocid_prefix: 'ocds-oki001',
  publisher_name: 'Dinas Komunikasi dan Informatika Kabupaten Ogan Komering Ilir',
  publisher_uri: 'https://diskominfo.okikab.go.id',
  license_url: 'https://creativecommons.org/licenses/by/4.0/',
  publication_policy_url: null,
  updated_at: '2026-06-01T00:00:00Z',
  version: 1,
};

const admin = { ...auditor, username: 'oki.admin', role: 'admin', permissions: [...auditor.permissions, 'open_data.manage'] };

/** The reports' server, answering the open data settings (none when null) and the packages. */
function openDataServer(settings: OpenDataSettings | null, who: object = auditor) {
  let current = settings;
  return reportServer({
    who,
    handle: (request: Seen) => {
      if (request.path === '/api/v1/open-data/settings' && request.method === 'GET') return current ? json(200, current) : problem(404, 'not_found');
      if (request.path === '/api/v1/open-data/settings' && request.method === 'PUT') {
        const body = request.body as Partial<OpenDataSettings>;
        current = { ...SETTINGS, ...body, license_url: body.license_url ?? SETTINGS.license_url, version: 2 };
        return json(200, current);
      }
      const match = /^\/api\/v1\/open-data\/(\d+)\/(release|record)-package\.json$/.exec(request.path);
      if (match) return current ? json(200, { version: '1.1', [`${match[2]}s`]: [] }) : problem(409, 'open_data_not_configured');
      return undefined;
    },
  });
}

// Registered before the shared set-up, so that it runs after it: the hooks after a test run in reverse order.
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

signInEachTest();

describe('The open data (OCDS) tab', () => {
  it('downloads the year\'s release and record packages under the names the server gives them', async () => {
    const seen = openDataServer(SETTINGS);
    const files = catchDownloads();
    renderApp('/reports/open-data?year=2026');
    expect(await screen.findByText('ocds-oki001')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Data terbuka (OCDS)' })).toHaveAttribute('aria-selected', 'true');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Unduh paket rilis 2026' }));
    await user.click(screen.getByRole('button', { name: 'Unduh paket rekaman 2026' }));
    await waitFor(() => expect(files.names).toEqual(['ocds-2026-release-package.json', 'ocds-2026-record-package.json']));
    const asked = seen.filter((request) => request.path.includes('-package.json')).map((request) => request.path);
    expect(asked).toEqual(['/api/v1/open-data/2026/release-package.json', '/api/v1/open-data/2026/record-package.json']);
    // Only administrators change the settings.
    expect(screen.queryByRole('button', { name: 'Ubah pengaturan' })).not.toBeInTheDocument();
  });

  it('says open data waits for its settings, and an administrator sets them, the licence left to its default', async () => {
    const seen = openDataServer(null, admin);
    renderApp('/reports/open-data?year=2026');
    expect(await screen.findByText('Data terbuka belum diatur: isi prefiks OCDS yang terdaftar untuk organisasi ini.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unduh paket rilis 2026' })).toBeDisabled();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Ubah pengaturan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pengaturan data terbuka' });

    await user.type(within(dialog).getByRole('textbox', { name: /Prefiks OCDS/ }), 'OCDS-ABC');
    await user.type(within(dialog).getByRole('textbox', { name: /Nama penerbit/ }), 'Diskominfo OKI');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await within(dialog).findByText("Prefiks: 'ocds-' dan enam huruf kecil atau angka.")).toBeInTheDocument();
    expect(seen.some((request) => request.method === 'PUT')).toBe(false);

    const prefix = within(dialog).getByRole('textbox', { name: /Prefiks OCDS/ });
    await user.clear(prefix);
    await user.type(prefix, 'ocds-abc123');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const put = seen.find((request) => request.method === 'PUT');
    expect(put?.body).toEqual({ ocid_prefix: 'ocds-abc123', publisher_name: 'Diskominfo OKI', publisher_uri: null, license_url: null, publication_policy_url: null });
    expect(await screen.findByText('ocds-abc123')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unduh paket rilis 2026' })).toBeEnabled();
  });

  it('shows the server\'s refusal of a download', async () => {
    openDataServer(SETTINGS);
    renderApp('/reports/open-data?year=2026');
    await screen.findByText('ocds-oki001');
    // The settings were removed behind the page's back: the server refuses.
    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(problem(409, 'open_data_not_configured'));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Unduh paket rilis 2026' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Paket data terbuka tidak dapat diunduh.');
    expect(alert).toHaveTextContent('Data terbuka diterbitkan setelah admin mengisi prefiks OCDS organisasi.');
  });
});
