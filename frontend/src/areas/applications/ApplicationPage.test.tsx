import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { json, me, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import { fakeUploads } from '../../test/upload';
import { applicationsServer, auditor, documents, draft, inReview, officer, ready, sentBack, verified, verifier } from './fixtures';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const pageOf = (id: string) => `/applications/${id}`;

function stepButtons() {
  const group = screen.queryByRole('group', { name: 'Langkah berikutnya' });
  return group ? within(group).getAllByRole('button').map((button) => button.textContent) : [];
}

async function opened(outlet = 'Kayuagung Terkini') {
  expect(await screen.findByRole('heading', { level: 1, name: outlet })).toBeInTheDocument();
  return screen.findByRole('region', { name: 'Kesiapan' });
}

function requirementRow(name: string) {
  const table = screen.getByRole('table', { name: 'Berkas persyaratan' });
  return within(table).getByRole('rowheader', { name: new RegExp(`^${name}`) }).closest('tr')!;
}

const posted = (seen: Seen[], path: string) => seen.filter((request) => request.method !== 'GET' && request.path === path);

describe('The step buttons', () => {
  it('offer a verifier the review steps the state allows, and not the applicant\'s', async () => {
    applicationsServer({ who: verifier });
    renderApp(pageOf(inReview.id));
    await opened();
    await waitFor(() => {
      expect(stepButtons()).toEqual(['Minta perbaikan', 'Verifikasi', 'Tolak']);
    });
  });

  it('offer an officer only withdrawing an application in review', async () => {
    applicationsServer({ who: officer });
    renderApp(pageOf(inReview.id));
    await opened();
    await waitFor(() => {
      expect(stepButtons()).toEqual(['Tarik kembali']);
    });
  });

  it('offer an officer submitting a draft, and an administrator approving a verified application', async () => {
    applicationsServer({ who: officer });
    renderApp(pageOf(draft.id));
    await opened('Suara Komering FM');
    await waitFor(() => {
      expect(stepButtons()).toEqual(['Ajukan', 'Tarik kembali']);
    });
    cleanup();
    applicationsServer({ who: me });
    renderApp(pageOf(verified.id));
    await opened('Berita Pedamaran');
    await waitFor(() => {
      expect(stepButtons()).toEqual(['Setujui', 'Tolak']);
    });
  });

  it('offer an auditor none', async () => {
    applicationsServer({ who: auditor });
    renderApp(pageOf(inReview.id));
    await opened();
    await screen.findByRole('table', { name: 'Berkas persyaratan' });
    expect(stepButtons()).toEqual([]);
    expect(screen.queryByRole('button', { name: /^Terima / })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Unggah / })).not.toBeInTheDocument();
  });

  it('take a step with If-Match after confirming it', async () => {
    const seen = applicationsServer({
      who: officer,
      handle: (request) => (request.method === 'POST' ? json(200, { ...draft, state: 'submitted', next_steps: ['withdraw'], version: 2 }) : undefined),
    });
    renderApp(pageOf(draft.id));
    await opened('Suara Komering FM');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Ajukan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ajukan pengajuan Suara Komering FM?' });
    await user.click(within(dialog).getByRole('button', { name: 'Ajukan' }));
    expect(await screen.findByText('Pengajuan Suara Komering FM telah diajukan.')).toBeInTheDocument();
    const [submit] = posted(seen, `/api/v1/applications/${draft.id}/submit`);
    expect(submit?.headers.get('If-Match')).toBe('"1"');
    expect(submit?.body).toEqual({ reason: null });
  });

  it('show the blockers an application_not_ready answer names, in words', async () => {
    const seen = applicationsServer({
      who: verifier,
      handle: (request) =>
        request.method === 'POST'
          ? problem(409, 'application_not_ready', {
              blockers: [
                { kind: 'document_not_reviewed', code: 'pakta_integritas' },
                { kind: 'rule_failed', code: 'karyawan_minimal_5' },
                { kind: 'not_scored', code: null },
              ],
            })
          : undefined,
    });
    renderApp(pageOf(inReview.id));
    await opened();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Verifikasi' }));
    const dialog = await screen.findByRole('dialog', { name: 'Verifikasi pengajuan Kayuagung Terkini?' });
    // What stands in the way is shown before anyone presses the button.
    expect(await within(dialog).findByText('Saat ini masih ada 6 hal yang menghalangi')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Verifikasi' }));

    expect(await within(dialog).findByText('Pengajuan belum siap: masih ada hal yang menghalangi.')).toBeInTheDocument();
    expect(within(dialog).getByText('Ditolak server: 3 hal masih menghalangi')).toBeInTheDocument();
    const refused = await within(dialog).findByRole('list', { name: 'Yang menghalangi menurut server' });
    expect(within(refused).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Dokumen belum diperiksa: Pakta integritas bermeterai',
      'Syarat kelayakan tidak terpenuhi: Paling sedikit 5 karyawan',
      'Belum dinilai',
    ]);
    expect(posted(seen, `/api/v1/applications/${inReview.id}/verify`)[0]?.headers.get('If-Match')).toBe('"3"');
  });

  it('reload the application and say so when someone else changed it first', async () => {
    const seen = applicationsServer({ who: verifier, handle: (request) => (request.method === 'POST' ? problem(412, 'precondition_failed') : undefined) });
    renderApp(pageOf(inReview.id));
    await opened();
    const reads = () => seen.filter((request) => request.method === 'GET' && request.path === `/api/v1/applications/${inReview.id}`).length;
    const before = reads();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Verifikasi' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Verifikasi' }));
    expect(await screen.findByText(/Pengajuan ini telah diubah oleh orang lain lebih dulu\. Data terbaru telah dimuat/)).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    await waitFor(() => {
      expect(reads()).toBeGreaterThan(before);
    });
  });

  it('require the grounds of a rejection', async () => {
    const seen = applicationsServer({
      who: verifier,
      handle: (request) => (request.method === 'POST' ? json(200, { ...inReview, state: 'rejected', next_steps: [], last_reason: 'Media fiktif', version: 4 }) : undefined),
    });
    renderApp(pageOf(inReview.id));
    await opened();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tolak' }));
    const dialog = await screen.findByRole('dialog', { name: 'Tolak pengajuan Kayuagung Terkini?' });
    await user.click(within(dialog).getByRole('button', { name: 'Tolak' }));
    expect(await within(dialog).findByText('Tuliskan alasannya; pemohon akan membacanya.')).toBeInTheDocument();
    expect(posted(seen, `/api/v1/applications/${inReview.id}/reject`)).toEqual([]);

    await user.type(within(dialog).getByLabelText(/Dasar penolakan/), 'Media fiktif');
    await user.click(within(dialog).getByRole('button', { name: 'Tolak' }));
    expect(await screen.findByText('Pengajuan Kayuagung Terkini telah ditolak.')).toBeInTheDocument();
    expect(posted(seen, `/api/v1/applications/${inReview.id}/reject`)[0]?.body).toEqual({ reason: 'Media fiktif' });
  });
});

describe('The header', () => {
  it('links to the registry and shows why the application was sent back, prominently', async () => {
    applicationsServer({ who: officer });
    renderApp(pageOf(sentBack.id));
    await opened('Ogan Ilir Pos');
    expect(screen.getByRole('link', { name: 'Ogan Ilir Pos' })).toHaveAttribute('href', `/registry/outlets/${sentBack.outlet_id}?year=2026`);
    expect(screen.getByRole('link', { name: 'PT Radio Suara Komering' })).toHaveAttribute('href', `/registry/companies/${sentBack.company_id}`);
    expect(screen.getByText('Dikembalikan untuk perbaikan')).toBeInTheDocument();
    expect(screen.getByText('Lampirkan sertifikat UKW pemimpin redaksi dan bukti BPJS karyawan')).toBeInTheDocument();
  });
});

describe('The readiness panel', () => {
  it('shows what blocks a decision in words, each rule, and each requirement with its document', async () => {
    applicationsServer({ who: verifier });
    renderApp(pageOf(inReview.id));
    const panel = await opened();
    const blockers = await within(panel).findByRole('list', { name: 'Yang menghalangi' });
    expect(within(blockers).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Dokumen belum diperiksa: Sertifikat verifikasi Dewan Pers',
      'Dokumen ditolak: NPWP perusahaan',
      'Dokumen wajib belum diunggah: Pakta integritas bermeterai',
      'Syarat kelayakan tidak terpenuhi: Paling sedikit 5 karyawan',
      'Belum dinilai',
      'Belum ada verifikasi faktual',
    ]);
    expect(within(panel).getByText('Belum siap: 6 hal menghalangi')).toBeInTheDocument();

    const rules = within(panel).getByRole('table', { name: 'Penilaian per syarat' });
    const staff = within(rules).getByRole('rowheader', { name: /^Paling sedikit 5 karyawan/ }).closest('tr')!;
    expect(staff).toHaveTextContent('Tidak memenuhi');
    expect(staff).toHaveTextContent('3 karyawan');

    expect(within(panel).getByText('1 dari 4 berkas wajib telah diterima.')).toBeInTheDocument();
    const certificate = requirementRow('Sertifikat verifikasi Dewan Pers');
    expect(certificate).toHaveTextContent('Wajib');
    expect(certificate).toHaveTextContent('Perlu tanggal berlaku');
    expect(certificate).toHaveTextContent('PDF, paling besar 5 MB');
    expect(certificate).toHaveTextContent('Berlaku s.d. 30/06/2099');
    expect(certificate).toHaveTextContent('Menunggu pemeriksaan');
    const npwp = requirementRow('NPWP perusahaan');
    expect(npwp).toHaveTextContent('PDF, JPEG, PNG, paling besar 2 MB');
    expect(npwp).toHaveTextContent('Ditolak');
    expect(npwp).toHaveTextContent('NPWP tidak terbaca');
    expect(requirementRow('Pakta integritas bermeterai')).toHaveTextContent('Belum diunggah');
    expect(requirementRow('Data kunjungan situs tiga bulan terakhir')).toHaveTextContent('Tidak wajib');
  });

  it('says ready when nothing is in the way, and judges again on demand', async () => {
    const seen = applicationsServer({ who: verifier, judged: ready });
    renderApp(pageOf(inReview.id));
    const panel = await opened();
    expect(await within(panel).findByRole('status')).toHaveTextContent('Siap diverifikasi');
    const judged = () => seen.filter((request) => request.path === `/api/v1/applications/${inReview.id}/readiness`).length;
    const before = judged();
    await userEvent.setup().click(within(panel).getByRole('button', { name: 'Periksa ulang' }));
    await waitFor(() => {
      expect(judged()).toBeGreaterThan(before);
    });
  });

  it('shows the replaced documents of a requirement on demand', async () => {
    applicationsServer({ who: verifier });
    renderApp(pageOf(inReview.id));
    await opened();
    await screen.findByRole('table', { name: 'Berkas persyaratan' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Riwayat berkas NPWP perusahaan (1 berkas diganti)' }));
    expect(await screen.findByRole('button', { name: 'Unduh npwp-lama.pdf (NPWP perusahaan)' })).toBeInTheDocument();
  });

  it('downloads a document through the API with the access token', async () => {
    const created = vi.fn(() => 'blob:document');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const seen = applicationsServer({
      who: verifier,
      handle: (request) =>
        request.path === `/api/v1/application-documents/${documents.letter.id}/content`
          ? new Response('%PDF-1.4\n%%EOF\n', { status: 200, headers: { 'Content-Type': 'application/pdf' } })
          : undefined,
    });
    renderApp(pageOf(inReview.id));
    await opened();
    await userEvent.setup().click(await screen.findByRole('button', { name: /^Unduh surat_permohonan\.pdf/ }));
    await waitFor(() => {
      expect(created).toHaveBeenCalled();
    });
    const download = seen.find((request) => request.path.endsWith('/content'))!;
    expect(download.headers.get('Authorization')).toBe('Bearer access-1');
  });
});

describe('Reviewing documents', () => {
  it('accepts a document with its version', async () => {
    const seen = applicationsServer({
      who: verifier,
      handle: (request) => (request.method === 'POST' ? json(200, { ...documents.pressCouncil, review: 'accepted', version: 3 }) : undefined),
    });
    renderApp(pageOf(inReview.id));
    await opened();
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Terima Sertifikat verifikasi Dewan Pers' }));
    expect(await screen.findByText('Berkas Sertifikat verifikasi Dewan Pers diterima.')).toBeInTheDocument();
    const [review] = posted(seen, `/api/v1/application-documents/${documents.pressCouncil.id}/review`);
    expect(review?.headers.get('If-Match')).toBe('"2"');
    expect(review?.body).toEqual({ review: 'accepted', note: null });
  });

  it('rejects a document only with a note', async () => {
    const seen = applicationsServer({
      who: verifier,
      handle: (request) => (request.method === 'POST' ? json(200, { ...documents.pressCouncil, review: 'rejected', version: 3 }) : undefined),
    });
    renderApp(pageOf(inReview.id));
    await opened();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Tolak Sertifikat verifikasi Dewan Pers' }));
    const dialog = await screen.findByRole('dialog', { name: 'Tolak berkas: Sertifikat verifikasi Dewan Pers' });
    await user.click(within(dialog).getByRole('button', { name: 'Tolak' }));
    expect(await within(dialog).findByText('Tuliskan apa yang salah dengan berkas ini.')).toBeInTheDocument();
    expect(posted(seen, `/api/v1/application-documents/${documents.pressCouncil.id}/review`)).toEqual([]);

    await user.type(within(dialog).getByLabelText(/Catatan penolakan/), 'Sertifikat sudah tidak berlaku');
    await user.click(within(dialog).getByRole('button', { name: 'Tolak' }));
    expect(await screen.findByText('Berkas Sertifikat verifikasi Dewan Pers ditolak.')).toBeInTheDocument();
    expect(posted(seen, `/api/v1/application-documents/${documents.pressCouncil.id}/review`)[0]?.body).toEqual({
      review: 'rejected',
      note: 'Sertifikat sudah tidak berlaku',
    });
  });
});

describe('Uploading a document', () => {
  async function openUpload(name: string) {
    applicationsServer({ who: officer });
    renderApp(pageOf(draft.id));
    await opened('Suara Komering FM');
    const user = userEvent.setup({ applyAccept: false });
    await user.click(await screen.findByRole('button', { name: `Unggah ${name}` }));
    return { user, dialog: await screen.findByRole('dialog', { name: `Unggah: ${name}` }) };
  }

  it('refuses a file of a type the requirement does not take before sending it', async () => {
    const uploads = fakeUploads();
    const { user, dialog } = await openUpload('Surat permohonan kerja sama dan penawaran harga');
    const input = within(dialog).getByLabelText(/^Berkas/);
    await user.upload(input, new File(['hello'], 'surat.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
    await user.click(within(dialog).getByRole('button', { name: 'Unggah' }));
    expect(await within(dialog).findByText('Jenis berkas ini tidak diterima untuk persyaratan ini. Yang diterima: PDF.')).toBeInTheDocument();
    expect(uploads).toEqual([]);
  });

  it('sends the file and its expiry date as a form, showing the upload\'s progress', async () => {
    const uploads = fakeUploads();
    const { user, dialog } = await openUpload('Sertifikat verifikasi Dewan Pers');
    const file = new File(['%PDF-1.4\n%%EOF\n'], 'sertifikat.pdf', { type: 'application/pdf' });
    await user.upload(within(dialog).getByLabelText(/^Berkas/), file);
    await user.click(within(dialog).getByRole('button', { name: 'Unggah' }));
    // The expiry date of a certificate is required with it.
    expect(await within(dialog).findByText('Isi tanggal akhir masa berlaku dokumen ini.')).toBeInTheDocument();
    expect(uploads).toEqual([]);

    await user.type(within(dialog).getByLabelText(/Berlaku sampai/), '2028-06-30');
    await user.click(within(dialog).getByRole('button', { name: 'Unggah' }));
    await waitFor(() => {
      expect(uploads).toHaveLength(1);
    });
    const upload = uploads[0]!;
    expect(upload.method).toBe('POST');
    expect(upload.url).toBe(`/api/v1/applications/${draft.id}/documents/sertifikat_dewan_pers`);
    expect(upload.headers.Authorization).toBe('Bearer access-1');
    expect(upload.body.get('expires_on')).toBe('2028-06-30');
    expect((upload.body.get('file') as File).name).toBe('sertifikat.pdf');

    upload.progress(0.4);
    expect(within(dialog).getByRole('progressbar', { name: 'Kemajuan unggah' })).toHaveAttribute('aria-valuenow', '40');
    upload.progress(1);
    expect(within(dialog).getByRole('progressbar', { name: 'Kemajuan unggah' })).toHaveAttribute('aria-valuenow', '100');
    upload.respond(201, { ...documents.pressCouncil, application_id: draft.id, file_name: 'sertifikat.pdf' });
    expect(await screen.findByText('Berkas sertifikat.pdf untuk Sertifikat verifikasi Dewan Pers telah diunggah.')).toBeInTheDocument();
  });

  it('shows the server\'s refusal of a file whose content is not of an accepted type', async () => {
    const uploads = fakeUploads();
    const { user, dialog } = await openUpload('Surat permohonan kerja sama dan penawaran harga');
    await user.upload(within(dialog).getByLabelText(/^Berkas/), new File(['not a pdf'], 'surat.pdf', { type: 'application/pdf' }));
    await user.click(within(dialog).getByRole('button', { name: 'Unggah' }));
    await waitFor(() => {
      expect(uploads).toHaveLength(1);
    });
    uploads[0]!.respond(415, { type: 'about:blank', title: 'prose', status: 415, code: 'file_type_not_allowed' });
    expect(await within(dialog).findByText('Jenis berkas ini tidak diterima untuk persyaratan ini. Yang diterima: PDF.')).toBeInTheDocument();
    expect(within(dialog).queryByRole('progressbar')).not.toBeInTheDocument();
  });
});

describe('Scoring', () => {
  it('offers the criteria of the outlet\'s media type with their points, shows the tier, and saves with If-Match', async () => {
    const seen = applicationsServer({
      who: verifier,
      handle: (request) =>
        request.method === 'PUT'
          ? json(200, { ...inReview, score: { answers: [], points: 70, tier: 'A' }, version: 4 })
          : undefined,
    });
    renderApp(pageOf(inReview.id));
    await opened();
    const section = screen.getByRole('region', { name: 'Penilaian' });
    const user = userEvent.setup();
    // A print outlet's criterion does not apply to an online one.
    await within(section).findByRole('combobox', { name: 'Kunjungan situs per bulan' });
    expect(within(section).queryByRole('combobox', { name: 'Oplah per edisi' })).not.toBeInTheDocument();

    await user.click(within(section).getByRole('combobox', { name: 'Kunjungan situs per bulan' }));
    await user.click(await screen.findByRole('option', { name: 'Di atas 100.000 (50 poin)', hidden: true }));
    expect(within(section).getByRole('status')).toHaveTextContent('Sementara 50 poin.');
    await user.click(within(section).getByRole('combobox', { name: 'Usia media' }));
    await user.click(await screen.findByRole('option', { name: 'Di atas 5 tahun (20 poin)', hidden: true }));
    expect(within(section).getByRole('status')).toHaveTextContent('Jumlah 70 poin: Golongan A');

    await user.click(within(section).getByRole('button', { name: 'Simpan penilaian' }));
    expect(await screen.findByText('Penilaian disimpan: Golongan A (70 poin).')).toBeInTheDocument();
    const [score] = posted(seen, `/api/v1/applications/${inReview.id}/score`);
    expect(score?.headers.get('If-Match')).toBe('"3"');
    expect(score?.body).toEqual({
      answers: [
        { criterion: 'kunjungan', option: 'di_atas_100rb' },
        { criterion: 'usia_media', option: 'di_atas_5_tahun' },
      ],
    });
  });
});

describe('The site visit', () => {
  it('is recorded by a verifier with its team, checklist and conclusion', async () => {
    const seen = applicationsServer({
      who: verifier,
      handle: (request) =>
        request.method === 'POST' && request.path.endsWith('/site-visit')
          ? json(201, {
              id: '0190f7a0-0000-7000-8000-000000000701',
              application_id: inReview.id,
              visited_on: '2026-03-03',
              team: ['Rina', 'Budi'],
              checklist: [{ item: 'Kantor redaksi ada', ok: true, note: null }],
              conclusion: 'confirmed',
              notes: null,
              recorded_by: verifier.id,
              created_at: '2026-03-03T05:00:00Z',
              updated_at: '2026-03-03T05:00:00Z',
              version: 1,
            })
          : undefined,
    });
    renderApp(pageOf(inReview.id));
    await opened();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Catat verifikasi faktual' }));
    const dialog = await screen.findByRole('dialog', { name: 'Verifikasi faktual Kayuagung Terkini' });
    const day = within(dialog).getByLabelText(/Tanggal kunjungan/);
    await user.clear(day);
    await user.type(day, '2026-03-03');
    await user.type(within(dialog).getByLabelText(/^Tim/), 'Rina{enter}Budi');
    await user.click(within(dialog).getByRole('button', { name: 'Tambah baris' }));
    await user.type(within(dialog).getByLabelText(/Yang diperiksa 1/), 'Kantor redaksi ada');
    await user.click(within(dialog).getByRole('radio', { name: /Data pengajuan terbukti/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByText('Verifikasi faktual Kayuagung Terkini telah dicatat.')).toBeInTheDocument();
    expect(posted(seen, `/api/v1/applications/${inReview.id}/site-visit`)[0]?.body).toEqual({
      visited_on: '2026-03-03',
      team: ['Rina', 'Budi'],
      checklist: [{ item: 'Kantor redaksi ada', ok: true, note: null }],
      conclusion: 'confirmed',
      notes: null,
    });
  });
});

describe('The history', () => {
  it('names the reader among those who took the steps', async () => {
    applicationsServer({ who: officer });
    renderApp(pageOf(inReview.id));
    await opened();
    const table = await screen.findByRole('table', { name: 'Riwayat langkah' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Ajukan');
    expect(rows[0]).toHaveTextContent('Anda (Petugas Kemitraan Media)');
    expect(rows[1]).toHaveTextContent('Mulai pemeriksaan');
    expect(rows[1]).toHaveTextContent(verifier.id);
  });
});
