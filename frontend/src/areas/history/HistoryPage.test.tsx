import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { json, problem, tokenPair } from '../../test/http';
import { renderApp } from '../../test/render';
import { BAD_CSV, BATCH, GOOD_CSV, importPosts, INVALID_PREVIEW, reader, ROW_ERRORS, historyServer, VALID_PREVIEW } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

function cellsOf(table: HTMLElement): (string | null)[][] {
  const body = within(table).getAllByRole('rowgroup')[1]!;
  return within(body)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
}

async function chooseFile(text: string, name: string) {
  const user = userEvent.setup();
  await user.upload(await screen.findByLabelText('Berkas CSV'), new File([text], name, { type: 'text/csv' }));
  return user;
}

describe('The import history', () => {
  it('lists the imports done, and offers no import to who may not import', async () => {
    historyServer({ who: reader });
    renderApp('/history');
    const table = await screen.findByRole('table', { name: 'Impor yang sudah dilakukan' });
    expect(cellsOf(table)).toEqual([['Perusahaan', 'perusahaan-2023.csv', '12', expect.any(String) as string]]);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Riwayat impor');
    expect(screen.queryByLabelText('Berkas CSV')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pratinjau' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Impor' })).not.toBeInTheDocument();
  });

  it('shows the refused rows of a preview and does not let the file be imported', async () => {
    const seen = historyServer({ answer: () => json(200, INVALID_PREVIEW) });
    renderApp('/history');
    const user = await chooseFile(BAD_CSV, 'perusahaan-2023.csv');
    expect(screen.getByRole('button', { name: 'Impor' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Pratinjau' }));

    const errors = await screen.findByRole('table', { name: 'Baris yang ditolak' });
    expect(cellsOf(errors)).toEqual([
      ['2', 'npwp', 'Format tidak valid.'],
      ['2', 'eligible_from', 'Nilai tidak valid.'],
    ]);
    expect(screen.getByText('1 baris dibaca; 2 kesalahan harus diperbaiki sebelum berkas dapat diimpor.')).toBeInTheDocument();
    expect(screen.queryByText('Server prose that must not be shown')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Impor' })).toBeDisabled();

    const [post] = importPosts(seen);
    expect(post!.path).toBe('/api/v1/history/imports/companies');
    expect(Object.fromEntries(post!.search)).toEqual({ dry_run: 'true', file_name: 'perusahaan-2023.csv' });
    expect(post!.contentType).toBe('text/csv');
    expect(post!.body).toBe(BAD_CSV);
  });

  it('imports a file whose preview is valid, without dry_run, says so and refreshes the list', async () => {
    const imported = { ...BATCH, id: '0190f7a0-0000-7000-8000-0000000b0002', kind: 'orders' as const, file_name: 'pesanan-2023.csv', rows: 1 };
    const seen = historyServer({ answer: (request) => (request.search.get('dry_run') === 'true' ? json(200, { ...VALID_PREVIEW, kind: 'orders' }) : json(201, imported)) });
    renderApp('/history');
    await screen.findByRole('table', { name: 'Impor yang sudah dilakukan' });
    const user = await chooseFile(GOOD_CSV, 'pesanan-2023.csv');
    await user.selectOptions(screen.getByLabelText('Jenis data'), 'orders');
    await user.click(screen.getByRole('button', { name: 'Pratinjau' }));

    expect(await screen.findByText('1 baris dapat diimpor.')).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Contoh baris yang akan disimpan' })).getByText('PT Kayuagung Media Utama')).toBeInTheDocument();
    const importButton = screen.getByRole('button', { name: 'Impor' });
    expect(importButton).toBeEnabled();
    await user.click(importButton);

    expect(await screen.findByText('1 baris Pesanan dari pesanan-2023.csv telah disimpan.')).toBeInTheDocument();
    const posts = importPosts(seen);
    expect(posts.map((post) => [post.path, Object.fromEntries(post.search)])).toEqual([
      ['/api/v1/history/imports/orders', { dry_run: 'true', file_name: 'pesanan-2023.csv' }],
      ['/api/v1/history/imports/orders', { file_name: 'pesanan-2023.csv' }],
    ]);
    expect(posts[1]!.body).toBe(GOOD_CSV);
    expect(posts[1]!.contentType).toBe('text/csv');
    await waitFor(() => {
      expect(cellsOf(screen.getByRole('table', { name: 'Impor yang sudah dilakukan' })).map((row) => row[1])).toEqual(['pesanan-2023.csv', 'perusahaan-2023.csv']);
    });
  });

  it('shows the errors of an import the server rejects', async () => {
    historyServer({ answer: (request) => (request.search.get('dry_run') === 'true' ? json(200, VALID_PREVIEW) : problem(422, 'import_rejected', { errors: ROW_ERRORS })) });
    renderApp('/history');
    const user = await chooseFile(GOOD_CSV, 'perusahaan-2023.csv');
    await user.click(screen.getByRole('button', { name: 'Pratinjau' }));
    await user.click(await screen.findByRole('button', { name: 'Impor' }));

    expect(await screen.findByText('Berkas ditolak: 2 kesalahan; tidak ada yang disimpan.')).toBeInTheDocument();
    expect(cellsOf(screen.getByRole('table', { name: 'Baris yang ditolak' }))).toEqual([
      ['2', 'npwp', 'Format tidak valid.'],
      ['2', 'eligible_from', 'Nilai tidak valid.'],
    ]);
  });
});
