import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { json, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { fakeUploads } from '../../test/upload';
import { contentServer, leaflet, material, reader, release } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const listed = (seen: Seen[]) => seen.filter((request) => request.method === 'GET' && request.path === '/api/v1/content-items');
const queryOf = (request: Seen | undefined) => new URLSearchParams(request?.search);

describe('The content bank', () => {
  it('lists the items of the kind and title the address names', async () => {
    const seen = contentServer({ who: reader, items: [release] });
    renderApp('/content?kind=press_release&q=Hari%20Jadi');
    const table = await screen.findByRole('table', { name: 'Daftar konten' });
    const link = await within(table).findByRole('link', { name: release.title });
    expect(link).toHaveAttribute('href', `/content/${release.id}`);
    const cells = within(link.closest('tr')!).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells.slice(1)).toEqual(['Siaran pers', '01/03/2026']);
    expect(queryOf(listed(seen)[0]).get('kind')).toBe('press_release');
    expect(queryOf(listed(seen)[0]).get('q')).toBe('Hari Jadi');
    expect(screen.getByRole('textbox', { name: 'Cari judul' })).toHaveValue('Hari Jadi');
    // A reader writes nothing.
    expect(screen.queryByRole('button', { name: 'Tulis konten' })).not.toBeInTheDocument();
  });

  it('puts a title search in the address and asks the server for it', async () => {
    const seen = contentServer();
    const app = renderApp('/content?kind=bogus');
    await screen.findByRole('link', { name: material.title });
    // A kind the API does not know is not sent.
    expect(queryOf(listed(seen)[0]).get('kind')).toBeNull();
    await userEvent.setup().type(screen.getByRole('textbox', { name: 'Cari judul' }), 'Bidar');
    await waitFor(() => {
      expect(app.address()).toBe('/content?kind=bogus&q=Bidar');
    });
    await waitFor(() => {
      expect(queryOf(listed(seen).at(-1)).get('q')).toBe('Bidar');
    });
  });
});

describe('Writing content', () => {
  it('shows the server\'s refusal on its field, then saves and opens the item', async () => {
    const answers = [
      problem(400, 'validation_failed', { errors: [{ field: 'title', code: 'too_long', message: 'server prose' }] }),
      json(201, { ...material, id: '0190f7a0-0000-7000-8000-000000000c03', title: 'Materi baru' }),
    ];
    const seen = contentServer({
      handle: (request) => {
        if (request.method === 'POST') return answers.shift();
        if (request.path === '/api/v1/content-items/0190f7a0-0000-7000-8000-000000000c03') return json(200, { ...material, id: '0190f7a0-0000-7000-8000-000000000c03', title: 'Materi baru' });
        if (request.path === '/api/v1/content-items/0190f7a0-0000-7000-8000-000000000c03/attachments') return json(200, []);
        return undefined;
      },
    });
    const app = renderApp('/content');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tulis konten' }));
    const dialog = await screen.findByRole('dialog', { name: 'Tulis konten' });
    const title = within(dialog).getByLabelText(/^Judul/);
    await user.type(title, 'Materi baru');
    await user.type(within(dialog).getByLabelText(/^Isi/), 'Paragraf pertama.{Enter}{Enter}Paragraf kedua.');
    const released = within(dialog).getByLabelText(/^Tanggal rilis/);
    await user.clear(released);
    await user.type(released, '2026-05-01');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    await waitFor(() => {
      expect(title).toHaveAttribute('aria-invalid', 'true');
    });
    expect(title).toHaveAccessibleDescription(expect.stringContaining('Terlalu panjang.') as string);

    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    await waitFor(() => {
      expect(app.address()).toBe('/content/0190f7a0-0000-7000-8000-000000000c03');
    });
    const posts = seen.filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]?.body).toEqual({ kind: 'press_release', title: 'Materi baru', body: 'Paragraf pertama.\n\nParagraf kedua.', released_on: '2026-05-01' });
  });

  it('rewrites an item as it was read, with If-Match', async () => {
    const rewritten = { ...release, title: 'Hari Jadi OKI', version: 3 };
    let saved = false;
    const seen = contentServer({
      handle: (request) => {
        if (request.method === 'PUT') {
          saved = true;
          return json(200, rewritten);
        }
        // Read again after the change, the item is as rewritten.
        return saved && request.path === `/api/v1/content-items/${release.id}` ? json(200, rewritten) : undefined;
      },
    });
    renderApp(`/content/${release.id}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Ubah' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ubah konten' });
    const title = within(dialog).getByLabelText(/^Judul/);
    await user.clear(title);
    await user.type(title, 'Hari Jadi OKI');
    await user.click(within(dialog).getByRole('button', { name: 'Simpan perubahan' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Hari Jadi OKI' })).toBeInTheDocument();
    const put = seen.find((request) => request.method === 'PUT');
    expect(put?.path).toBe(`/api/v1/content-items/${release.id}`);
    expect(put?.headers.get('If-Match')).toBe('"2"');
    expect(put?.body).toEqual({ kind: release.kind, title: 'Hari Jadi OKI', body: release.body, released_on: release.released_on });
  });
});

describe('A content item', () => {
  it('shows its text with its paragraphs, and its files to download', async () => {
    contentServer({ who: reader });
    renderApp(`/content/${release.id}`);
    const article = await screen.findByRole('article', { name: 'Isi konten' });
    const paragraphs = [...article.querySelectorAll('p')].map((paragraph) => paragraph.textContent).slice(0, 2);
    expect(paragraphs).toEqual([
      'Pemerintah Kabupaten Ogan Komering Ilir memperingati hari jadinya.',
      'Upacara digelar di halaman kantor bupati.\nDihadiri seluruh kepala dinas.',
    ]);
    const files = await screen.findByRole('table', { name: 'Berkas lampiran' });
    expect(within(files).getByRole('button', { name: `Unduh ${leaflet.file_name}` })).toBeInTheDocument();
    // A reader attaches nothing and rewrites nothing.
    expect(screen.queryByRole('button', { name: 'Unggah lampiran' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ubah' })).not.toBeInTheDocument();
  });

  it('downloads a file with the access token', async () => {
    const seen = contentServer({
      handle: (request) =>
        request.path === `/api/v1/content-attachments/${leaflet.id}/content`
          ? new Response('%PDF-1.4\n%%EOF\n', { status: 200, headers: { 'Content-Type': 'application/pdf' } })
          : undefined,
    });
    const createObjectURL = vi.fn(() => 'blob:leaflet');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    renderApp(`/content/${release.id}`);
    await userEvent.setup().click(await screen.findByRole('button', { name: `Unduh ${leaflet.file_name}` }));
    await waitFor(() => {
      expect(createObjectURL).toHaveBeenCalled();
    });
    const download = seen.find((request) => request.path === `/api/v1/content-attachments/${leaflet.id}/content`);
    expect(download?.headers.get('Authorization')).toBe('Bearer access-1');
  });

  it('takes a PDF, JPEG or PNG of at most 20 MiB, uploaded with its progress in view', async () => {
    const seen = contentServer();
    const uploads = fakeUploads();
    renderApp(`/content/${release.id}`);
    const user = userEvent.setup({ applyAccept: false });
    await user.click(await screen.findByRole('button', { name: 'Unggah lampiran' }));
    const dialog = await screen.findByRole('dialog', { name: `Unggah lampiran: ${release.title}` });
    const input = within(dialog).getByLabelText(/^Berkas/);

    // A file of another type is refused before it is sent.
    await user.upload(input, new File(['hello'], 'catatan.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
    await user.click(within(dialog).getByRole('button', { name: 'Unggah' }));
    expect(await within(dialog).findByText('Jenis berkas ini tidak diterima. Yang diterima: PDF, JPEG, PNG.')).toBeInTheDocument();
    expect(uploads).toHaveLength(0);

    await user.upload(input, new File(['%PDF-1.4\n%%EOF\n'], 'jadwal.pdf', { type: 'application/pdf' }));
    await user.click(within(dialog).getByRole('button', { name: 'Unggah' }));
    await waitFor(() => {
      expect(uploads).toHaveLength(1);
    });
    const [upload] = uploads;
    expect(upload?.method).toBe('POST');
    expect(upload?.url).toBe(`/api/v1/content-items/${release.id}/attachments`);
    expect(upload?.headers.Authorization).toBe('Bearer access-1');
    expect((upload?.body.get('file') as File).name).toBe('jadwal.pdf');
    upload?.progress(0.5);
    expect(within(dialog).getByRole('progressbar')).toBeInTheDocument();
    const before = seen.filter((request) => request.path === `/api/v1/content-items/${release.id}/attachments`).length;
    upload?.respond(201, { ...leaflet, id: '0190f7a0-0000-7000-8000-000000000d02', file_name: 'jadwal.pdf' });
    expect(await screen.findByText('Berkas jadwal.pdf telah dilampirkan.')).toBeInTheDocument();
    // The list of files is read again.
    await waitFor(() => {
      expect(seen.filter((request) => request.path === `/api/v1/content-items/${release.id}/attachments`).length).toBeGreaterThan(before);
    });
  });

  it('shows the server\'s refusal of a file on the file', async () => {
    contentServer();
    const uploads = fakeUploads();
    renderApp(`/content/${release.id}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Unggah lampiran' }));
    const dialog = await screen.findByRole('dialog', { name: `Unggah lampiran: ${release.title}` });
    await user.upload(within(dialog).getByLabelText(/^Berkas/), new File(['not really'], 'foto.png', { type: 'image/png' }));
    await user.click(within(dialog).getByRole('button', { name: 'Unggah' }));
    await waitFor(() => {
      expect(uploads).toHaveLength(1);
    });
    uploads[0]?.respond(400, { type: 'about:blank', title: 'x', status: 400, code: 'file_type_not_allowed' });
    expect(await within(dialog).findByText('Jenis berkas ini tidak diterima. Yang diterima: PDF, JPEG, PNG.')).toBeInTheDocument();
  });
});
