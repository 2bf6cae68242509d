import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { json, problem, tokenPair, type Seen } from '../../test/http';
import { fakeUploads } from '../../test/upload';
import { accepted, officer, online, print, proofFile, proofs, proofsServer, radio, renderProofs, treasurer, verifier } from './fixtures';
import type { Proof } from './model';
import { pick } from '../../test/select';

beforeEach(() => {
  api.session.setTokens(tokenPair('access-1'));
});

afterEach(() => {
  cleanup();
  api.session.clear(null);
});

const pageOf = (id: string) => `/proofs/orders/${id}`;
const posted = (seen: Seen[], path: string) => seen.filter((request) => request.method === 'POST' && request.path === path);

async function opened(number: string) {
  expect(await screen.findByRole('heading', { level: 1, name: `Pesanan ${number}` })).toBeInTheDocument();
  return screen.findByRole('region', { name: 'Bukti yang diserahkan' });
}

/** A fact of a proof by its label: the value shown below it. */
function fact(card: HTMLElement, label: string): string | null {
  const heading = within(card).getByText(label, { selector: 'p, div' });
  return heading.nextElementSibling?.textContent ?? null;
}

describe('An order\'s proofs', () => {
  it('show each proof by its kind: the page as a safe link, its capture time and hash, the label, status and review note', async () => {
    proofsServer({ who: verifier });
    renderProofs(pageOf(online.id));
    await opened(online.number);
    // What the company was asked to publish, to check each proof against.
    expect(fact(document.body, 'Materi yang ditayangkan')).toBe('Siaran pers HUT Kabupaten OKI ke-81');
    const first = await screen.findByRole('article', { name: 'Bukti 1: Tautan berita daring' });
    const link = within(first).getByRole('link', { name: 'https://kayuagungterkini.id/2026/03/10/advertorial-hut-oki-81' });
    expect(link).toHaveAttribute('href', 'https://kayuagungterkini.id/2026/03/10/advertorial-hut-oki-81');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    // Jakarta time: 04:15 UTC is 11.15 WIB.
    expect(fact(first, 'Waktu tangkapan')).toBe('10/03/2026, 11.15.00');
    expect(fact(first, 'SHA-256 isi halaman')).toBe('9f2c4e1b7a0d3c5e8f6a2b4d1c3e5f7a9b0c2d4e6f8a1b3c5d7e9f0a2b4c6d8e');
    expect(fact(first, 'Label berbayar')).toBe('Ya, konten diberi label berbayar');
    expect(within(first).getByText('Menunggu pemeriksaan')).toBeInTheDocument();
    expect(within(first).getByText('Tangkapan layar terlampir di berkas fisik')).toBeInTheDocument();

    const second = screen.getByRole('article', { name: 'Bukti 2: Tautan berita daring' });
    expect(fact(second, 'Label berbayar')).toBe('Tidak ada label berbayar');
    expect(within(second).getByText('Ditolak', { selector: '.mantine-Badge-label' })).toBeInTheDocument();
    expect(within(second).getByText('Ditolak 12/03/2026, 09.30.00')).toBeInTheDocument();
    expect(within(second).getByText('Konten tidak diberi label advertorial')).toBeInTheDocument();
  });

  it('show a clipping\'s edition, date and page, and a delivery receipt\'s edition, date and receiver', async () => {
    proofsServer({ who: verifier });
    renderProofs(pageOf(print.id));
    await opened(print.number);
    const clipping = await screen.findByRole('article', { name: 'Bukti 1: Kliping cetak' });
    expect(fact(clipping, 'Edisi')).toBe('No. 1234 Tahun XV');
    expect(fact(clipping, 'Tanggal terbit')).toBe('12/03/2026');
    expect(fact(clipping, 'Halaman')).toBe('5');
    expect(fact(clipping, 'Jumlah unit yang dibuktikan')).toBe('2 unit');
    const receipt = screen.getByRole('article', { name: 'Bukti 2: Tanda terima pengiriman' });
    expect(fact(receipt, 'Edisi yang dikirim')).toBe('No. 1234 Tahun XV');
    expect(fact(receipt, 'Diterima oleh')).toBe('Siti Aminah (Bagian Umum)');
    // A receipt shows no content, so no paid label is asked of it.
    expect(fact(receipt, 'Label berbayar')).toBe('Tidak diperlukan untuk tanda terima');
  });

  it('show a broadcast log\'s date, time and duration, and why the order\'s proof was rejected', async () => {
    proofsServer({ who: verifier });
    renderProofs(pageOf(radio.id));
    await opened(radio.number);
    const log = await screen.findByRole('article', { name: 'Bukti 1: Log siaran' });
    expect(fact(log, 'Tanggal siar')).toBe('14/03/2026');
    expect(fact(log, 'Jam siar')).toBe('19.30');
    expect(fact(log, 'Durasi')).toBe('90 detik (1:30)');
    expect(screen.getByText('Bukti pesanan ini ditolak: perusahaan perlu menyerahkan bukti lain')).toBeInTheDocument();
    expect(screen.getByText('Log siar tidak memuat jam tayang yang dipesan')).toBeInTheDocument();
    // Nothing waits for a decision on an order that is not published.
    expect(screen.queryByRole('region', { name: 'Keputusan bukti pesanan' })).not.toBeInTheDocument();
  });

  it('say an unknown order is not found', async () => {
    proofsServer({ who: verifier });
    renderProofs(pageOf('0190f7a0-0000-7000-8000-00000000dead'));
    expect(await screen.findByRole('heading', { name: 'Halaman tidak ditemukan' })).toBeInTheDocument();
  });
});

describe('Reviewing a proof', () => {
  it('requires a note to reject it, and sends the proof\'s version as If-Match', async () => {
    const [waiting] = proofs[online.id]!;
    const seen = proofsServer({
      who: verifier,
      handle: (request) =>
        request.method === 'POST' ? json(200, { ...waiting, status: 'rejected', review_note: 'Tautan mengarah ke berita lain', version: 3 }) : undefined,
    });
    renderProofs(pageOf(online.id));
    await opened(online.number);
    const card = await screen.findByRole('article', { name: 'Bukti 1: Tautan berita daring' });
    const user = userEvent.setup();
    await user.click(within(within(card).getByRole('group', { name: 'Pemeriksaan bukti 1' })).getByRole('button', { name: 'Tolak' }));
    const dialog = await screen.findByRole('dialog', { name: 'Tolak bukti 1 (Tautan berita daring)?' });
    await user.click(within(dialog).getByRole('button', { name: 'Tolak' }));
    expect(await within(dialog).findByText('Tuliskan apa yang tidak ditunjukkan bukti ini.')).toBeInTheDocument();
    expect(posted(seen, `/api/v1/proofs/${waiting!.id}/review`)).toEqual([]);

    await user.type(within(dialog).getByLabelText(/Yang tidak ditunjukkan bukti ini/), 'Tautan mengarah ke berita lain');
    await user.click(within(dialog).getByRole('button', { name: 'Tolak' }));
    expect(await screen.findByText('Bukti 1 telah ditolak.')).toBeInTheDocument();
    const [review] = posted(seen, `/api/v1/proofs/${waiting!.id}/review`);
    expect(review?.headers.get('If-Match')).toBe('"2"');
    expect(review?.body).toEqual({ status: 'rejected', note: 'Tautan mengarah ke berita lain' });
  });

  it('verifies a proof without a note', async () => {
    const [waiting] = proofs[online.id]!;
    const seen = proofsServer({
      who: officer,
      handle: (request) => (request.method === 'POST' ? json(200, { ...waiting, status: 'verified', version: 3 }) : undefined),
    });
    renderProofs(pageOf(online.id));
    await opened(online.number);
    const card = await screen.findByRole('article', { name: 'Bukti 1: Tautan berita daring' });
    const user = userEvent.setup();
    await user.click(within(card).getByRole('button', { name: 'Verifikasi' }));
    const dialog = await screen.findByRole('dialog', { name: 'Verifikasi bukti 1 (Tautan berita daring)?' });
    await user.click(within(dialog).getByRole('button', { name: 'Verifikasi' }));
    expect(await screen.findByText('Bukti 1 telah diverifikasi.')).toBeInTheDocument();
    expect(posted(seen, `/api/v1/proofs/${waiting!.id}/review`)[0]?.body).toEqual({ status: 'verified', note: null });
  });

  it('warns before verifying content not labelled as paid, and shows the server\'s refusal', async () => {
    const unlabelled = { ...proofs[online.id]![0]!, paid_content_labelled: false };
    proofsServer({
      who: verifier,
      proofsOf: { [online.id]: [unlabelled] },
      handle: (request) => (request.method === 'POST' ? problem(409, 'paid_content_not_labelled') : undefined),
    });
    renderProofs(pageOf(online.id));
    await opened(online.number);
    const card = await screen.findByRole('article', { name: 'Bukti 1: Tautan berita daring' });
    const user = userEvent.setup();
    await user.click(within(card).getByRole('button', { name: 'Verifikasi' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Konten tidak diberi label berbayar')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Verifikasi' }));
    expect(await within(dialog).findByText('Konten berbayar harus diberi label iklan sebelum buktinya diverifikasi.')).toBeInTheDocument();
    expect(within(dialog).queryByText('Server detail that must not be shown')).not.toBeInTheDocument();
  });

  it('reloads and says so when someone else reviewed the proof first', async () => {
    const seen = proofsServer({ who: verifier, handle: (request) => (request.method === 'POST' ? problem(412, 'precondition_failed') : undefined) });
    renderProofs(pageOf(online.id));
    await opened(online.number);
    const reads = () => seen.filter((request) => request.method === 'GET' && request.path === `/api/v1/orders/${online.id}/proofs`).length;
    const before = reads();
    const card = await screen.findByRole('article', { name: 'Bukti 1: Tautan berita daring' });
    const user = userEvent.setup();
    await user.click(within(card).getByRole('button', { name: 'Verifikasi' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Verifikasi' }));
    expect(await screen.findByText(/Bukti atau pesanan ini telah diubah oleh orang lain lebih dulu/)).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    await waitFor(() => {
      expect(reads()).toBeGreaterThan(before);
    });
  });

  it('is not offered to a treasurer, who sees the proofs and decides nothing', async () => {
    proofsServer({ who: treasurer });
    renderProofs(pageOf(online.id));
    await opened(online.number);
    await screen.findByRole('article', { name: 'Bukti 1: Tautan berita daring' });
    expect(await screen.findByText('1 bukti menunggu pemeriksaan oleh verifikator atau petugas kemitraan.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Verifikasi' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tolak' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Keputusan bukti pesanan' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Serahkan bukti' })).not.toBeInTheDocument();
  });
});

describe('Deciding the order\'s proof', () => {
  it('waits until every proof is reviewed', async () => {
    proofsServer({ who: verifier });
    renderProofs(pageOf(online.id));
    await opened(online.number);
    const panel = await screen.findByRole('region', { name: 'Keputusan bukti pesanan' });
    expect(within(panel).getByText('2 bukti: 1 menunggu pemeriksaan, 0 terverifikasi, 1 ditolak.')).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Verifikasi bukti pesanan' })).toBeDisabled();
    expect(within(panel).getByRole('button', { name: 'Tolak bukti pesanan' })).toBeDisabled();
    expect(within(panel).getByText(/Periksa dahulu setiap bukti yang menunggu/)).toBeInTheDocument();
  });

  it('verifies it with the order\'s version as If-Match, paying for the units verified', async () => {
    const seen = proofsServer({
      who: verifier,
      handle: (request) =>
        request.method === 'POST' ? json(200, { ...print, state: 'proof_verified', verified_quantity: 3, next_steps: ['invoice'], version: 8 }) : undefined,
    });
    renderProofs(pageOf(print.id));
    await opened(print.number);
    const panel = await screen.findByRole('region', { name: 'Keputusan bukti pesanan' });
    // Every proof is verified: rejecting the order's proof would be refused.
    expect(within(panel).getByRole('button', { name: 'Tolak bukti pesanan' })).toBeDisabled();
    expect(within(panel).getByText(/Tolak bukti pesanan: ada bukti yang sudah diverifikasi/)).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(within(panel).getByRole('button', { name: 'Verifikasi bukti pesanan' }));
    const dialog = await screen.findByRole('dialog', { name: `Verifikasi bukti pesanan ${print.number}?` });
    expect(within(dialog).getByText(/dibayar untuk 3 unit yang ditunjukkan bukti terverifikasi \(dari 3 unit yang dipesan\)/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Verifikasi bukti pesanan' }));
    expect(await screen.findByText(`Bukti pesanan ${print.number} telah diverifikasi.`)).toBeInTheDocument();
    const [decision] = posted(seen, `/api/v1/orders/${print.id}/verify-proof`);
    expect(decision?.headers.get('If-Match')).toBe('"7"');
    expect(decision?.body).toEqual({ reason: null });
  });

  it('requires a reason to reject it', async () => {
    const rejected = { ...proofs[online.id]![1]! };
    const seen = proofsServer({
      who: officer,
      proofsOf: { [online.id]: [rejected] },
      handle: (request) => (request.method === 'POST' ? json(200, { ...online, state: 'proof_rejected', last_reason: 'Tanpa label', version: 5 }) : undefined),
    });
    renderProofs(pageOf(online.id));
    await opened(online.number);
    const panel = await screen.findByRole('region', { name: 'Keputusan bukti pesanan' });
    expect(within(panel).getByRole('button', { name: 'Verifikasi bukti pesanan' })).toBeDisabled();
    const user = userEvent.setup();
    await user.click(within(panel).getByRole('button', { name: 'Tolak bukti pesanan' }));
    const dialog = await screen.findByRole('dialog', { name: `Tolak bukti pesanan ${online.number}?` });
    await user.click(within(dialog).getByRole('button', { name: 'Tolak bukti pesanan' }));
    expect(await within(dialog).findByText('Tuliskan alasannya; perusahaan akan membacanya.')).toBeInTheDocument();
    expect(posted(seen, `/api/v1/orders/${online.id}/reject-proof`)).toEqual([]);
    await user.type(within(dialog).getByLabelText(/Alasan penolakan/), 'Tanpa label');
    await user.click(within(dialog).getByRole('button', { name: 'Tolak bukti pesanan' }));
    expect(await screen.findByText(`Bukti pesanan ${online.number} telah ditolak.`)).toBeInTheDocument();
    const [decision] = posted(seen, `/api/v1/orders/${online.id}/reject-proof`);
    expect(decision?.headers.get('If-Match')).toBe('"4"');
    expect(decision?.body).toEqual({ reason: 'Tanpa label' });
  });
});

describe('Handing in a proof', () => {
  async function openForm() {
    const user = userEvent.setup();
    await opened(accepted.number);
    expect(await screen.findByText('Perusahaan telah menerima pesanan ini dan belum menyerahkan bukti tayang.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Serahkan bukti' }));
    return { user, dialog: await screen.findByRole('dialog', { name: `Serahkan bukti tayang pesanan ${accepted.number}` }) };
  }

  it('asks for a web page\'s address, capture time and hash, and names the other order a reused page backs', async () => {
    const conflicting = { entity_type: 'order', id: '01960000-0000-7000-8000-000000000002', number: '0002/SP/DISKOMINFO/II/2026' };
    const seen = proofsServer({ who: officer, handle: (request) => (request.method === 'POST' ? problem(409, 'proof_reused', { conflicting }) : undefined) });
    renderProofs(pageOf(accepted.id));
    const { user, dialog } = await openForm();
    // An online outlet hands in a web page by default.
    expect(within(dialog).getByRole('combobox', { name: 'Jenis bukti' })).toHaveValue('Tautan berita daring');
    await user.click(within(dialog).getByRole('button', { name: 'Serahkan' }));
    expect(within(dialog).getAllByText('Wajib diisi.')).toHaveLength(3);
    expect(posted(seen, `/api/v1/orders/${accepted.id}/proofs`)).toEqual([]);

    await user.type(within(dialog).getByLabelText(/Alamat halaman/), 'https://kayuagungterkini.id/2026/02/01/berita-lama');
    fireEvent.change(within(dialog).getByLabelText(/Waktu tangkapan/), { target: { value: '2026-03-12T09:30' } });
    await user.type(within(dialog).getByLabelText(/SHA-256 isi halaman/), 'AB'.repeat(32));
    await user.click(within(dialog).getByLabelText(/Konten diberi label berbayar/));
    await user.click(within(dialog).getByRole('button', { name: 'Serahkan' }));

    expect(await within(dialog).findByText('Bukti ini sudah dipakai')).toBeInTheDocument();
    expect(within(dialog).getByText(/sudah menjadi bukti pesanan 0002\/SP\/DISKOMINFO\/II\/2026\./)).toBeInTheDocument();
    const [sent] = posted(seen, `/api/v1/orders/${accepted.id}/proofs`);
    expect(sent?.body).toEqual({
      kind: 'url',
      quantity: 1,
      note: null,
      paid_content_labelled: true,
      url: 'https://kayuagungterkini.id/2026/02/01/berita-lama',
      // 09.30 in Jakarta.
      captured_at: '2026-03-12T02:30:00.000Z',
      content_sha256: 'ab'.repeat(32),
    });
  });

  it('asks a clipping for its edition, date and page only, and hands it in', async () => {
    const seen = proofsServer({
      who: officer,
      handle: (request) => (request.method === 'POST' ? json(201, { ...proofs[print.id]![0]!, order_id: accepted.id, status: 'pending' }) : undefined),
    });
    renderProofs(pageOf(accepted.id));
    const { user, dialog } = await openForm();
    await pick(user, within(dialog).getByRole('combobox', { name: 'Jenis bukti' }), 'Kliping cetak');
    expect(within(dialog).queryByLabelText(/Alamat halaman/)).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Serahkan' }));
    expect(within(dialog).getAllByText('Wajib diisi.')).toHaveLength(3);

    await user.type(within(dialog).getByLabelText(/^Edisi/), 'No. 1240');
    fireEvent.change(within(dialog).getByLabelText(/Tanggal terbit/), { target: { value: '2026-03-18' } });
    await user.type(within(dialog).getByLabelText(/^Halaman/), 'A3');
    await user.click(within(dialog).getByRole('button', { name: 'Serahkan' }));
    expect(await screen.findByText(`Bukti tayang pesanan ${accepted.number} telah diserahkan.`)).toBeInTheDocument();
    expect(posted(seen, `/api/v1/orders/${accepted.id}/proofs`)[0]?.body).toEqual({
      kind: 'clipping',
      quantity: 1,
      note: null,
      paid_content_labelled: false,
      edition: 'No. 1240',
      published_on: '2026-03-18',
      page: 'A3',
    });
  });
});

describe('A proof\'s files', () => {
  /** The print order's clipping, handed in and not reviewed yet, with no scan attached. */
  const waitingClipping: Proof = { ...proofs[print.id]![0]!, status: 'pending', reviewed_by: null, reviewed_at: null, files: [] };
  const scan = proofFile({ id: '0190f7a0-0000-7000-8000-0000000006b9', proof_id: waitingClipping.id, file_name: 'kliping-hal-5.pdf' });
  const reads = (seen: Seen[]) => seen.filter((request) => request.method === 'GET' && request.path === `/api/v1/orders/${print.id}/proofs`).length;

  async function attachDialog() {
    const card = await screen.findByRole('article', { name: 'Bukti 1: Kliping cetak' });
    const user = userEvent.setup({ applyAccept: false });
    await user.click(within(card).getByRole('button', { name: 'Lampirkan berkas' }));
    const dialog = await screen.findByRole('dialog', { name: 'Lampirkan berkas ke bukti 1 (Kliping cetak)' });
    return { user, card, dialog, input: within(dialog).getByLabelText(/^Berkas/) };
  }

  it('say a clipping without its scan cannot be verified yet, and offer only to reject it', async () => {
    proofsServer({ who: verifier, proofsOf: { [print.id]: [waitingClipping] } });
    renderProofs(pageOf(print.id));
    await opened(print.number);
    const card = await screen.findByRole('article', { name: 'Bukti 1: Kliping cetak' });
    expect(within(card).getByText('Lampirkan pindaian kliping atau rekaman siaran sebelum verifikasi.')).toBeInTheDocument();
    expect(within(card).getByText('Belum ada berkas terlampir.')).toBeInTheDocument();
    const review = within(card).getByRole('group', { name: 'Pemeriksaan bukti 1' });
    expect(within(review).queryByRole('button', { name: 'Verifikasi' })).not.toBeInTheDocument();
    await userEvent.setup().click(within(review).getByRole('button', { name: 'Tolak' }));
    expect(await screen.findByRole('dialog', { name: 'Tolak bukti 1 (Kliping cetak)?' })).toBeInTheDocument();
    // A verifier reviews proofs and hands none in: nothing to attach.
    expect(within(card).queryByRole('button', { name: 'Lampirkan berkas' })).not.toBeInTheDocument();
  });

  it('list each attached file, downloaded with the access token, and let a clipping with its scan be verified', async () => {
    const seen = proofsServer({
      who: verifier,
      proofsOf: { [print.id]: [{ ...waitingClipping, files: [scan] }] },
      handle: (request) =>
        request.path === `/api/v1/proof-files/${scan.id}/content` ? new Response('%PDF-1.4\n%%EOF\n', { status: 200, headers: { 'Content-Type': 'application/pdf' } }) : undefined,
    });
    const createObjectURL = vi.fn(() => 'blob:scan');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    renderProofs(pageOf(print.id));
    await opened(print.number);
    const card = await screen.findByRole('article', { name: 'Bukti 1: Kliping cetak' });
    const files = within(card).getByRole('table', { name: 'Daftar berkas bukti 1' });
    const row = within(files).getByText(scan.file_name).closest('tr')!;
    expect(within(row).getAllByRole('cell').map((cell) => cell.textContent).slice(0, 4)).toEqual([scan.file_name, 'PDF', '1,2 MB', '12/03/2026, 10.00.00']);
    expect(within(card).queryByText('Lampirkan pindaian kliping atau rekaman siaran sebelum verifikasi.')).not.toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Verifikasi' })).toBeInTheDocument();

    await userEvent.setup().click(within(row).getByRole('button', { name: `Unduh ${scan.file_name}` }));
    await waitFor(() => {
      expect(createObjectURL).toHaveBeenCalled();
    });
    const download = seen.find((request) => request.path === `/api/v1/proof-files/${scan.id}/content`);
    expect(download?.method).toBe('GET');
    expect(download?.headers.get('Authorization')).toBe('Bearer access-1');
  });

  it('attach a scan to a waiting proof, uploaded with its progress in view, and show it once attached', async () => {
    const served: Record<string, Proof[]> = { [print.id]: [waitingClipping] };
    const seen = proofsServer({ who: officer, proofsOf: served });
    const uploads = fakeUploads();
    renderProofs(pageOf(print.id));
    await opened(print.number);
    const { user, card, dialog, input } = await attachDialog();
    expect(within(dialog).getByText('PDF, JPEG, PNG, paling besar 100 MB.')).toBeInTheDocument();
    await user.upload(input, new File(['%PDF-1.4\n%%EOF\n'], scan.file_name, { type: 'application/pdf' }));
    await user.click(within(dialog).getByRole('button', { name: 'Lampirkan' }));
    await waitFor(() => {
      expect(uploads).toHaveLength(1);
    });
    const [upload] = uploads;
    expect(upload?.method).toBe('POST');
    expect(upload?.url).toBe(`/api/v1/proofs/${waitingClipping.id}/files`);
    expect(upload?.headers.Authorization).toBe('Bearer access-1');
    expect((upload?.body.get('file') as File).name).toBe(scan.file_name);
    upload?.progress(0.5);
    expect(within(dialog).getByRole('progressbar')).toBeInTheDocument();

    const before = reads(seen);
    served[print.id] = [{ ...waitingClipping, files: [scan] }];
    upload?.respond(201, scan);
    expect(await screen.findByText(`Berkas ${scan.file_name} telah dilampirkan ke bukti 1.`)).toBeInTheDocument();
    // The order's proofs are read again, and the card shows the scan in place of the hint.
    await waitFor(() => {
      expect(reads(seen)).toBeGreaterThan(before);
    });
    expect(await within(card).findByRole('table', { name: 'Daftar berkas bukti 1' })).toHaveTextContent(scan.file_name);
    expect(within(card).queryByText('Lampirkan pindaian kliping atau rekaman siaran sebelum verifikasi.')).not.toBeInTheDocument();
  });

  it('refuse a file of a type the proof does not take before sending it', async () => {
    proofsServer({ who: officer, proofsOf: { [print.id]: [waitingClipping] } });
    const uploads = fakeUploads();
    renderProofs(pageOf(print.id));
    await opened(print.number);
    const { user, dialog, input } = await attachDialog();
    // The chooser offers a clipping's scans only.
    expect(input).toHaveAttribute('accept', 'application/pdf,.pdf,image/jpeg,.jpg,.jpeg,image/png,.png');
    // A recording is a proof's file, but a broadcast's, not a clipping's.
    await user.upload(input, new File(['ID3'], 'siaran.mp3', { type: 'audio/mpeg' }));
    await user.click(within(dialog).getByRole('button', { name: 'Lampirkan' }));
    expect(await within(dialog).findByText('Jenis berkas ini tidak diterima. Periksa jenis berkas yang diminta.')).toBeInTheDocument();
    expect(uploads).toHaveLength(0);
  });

  it('name the other order a reused file already backs', async () => {
    proofsServer({ who: officer, proofsOf: { [print.id]: [waitingClipping] } });
    const uploads = fakeUploads();
    renderProofs(pageOf(print.id));
    await opened(print.number);
    const { user, dialog, input } = await attachDialog();
    await user.upload(input, new File(['%PDF-1.4\n%%EOF\n'], scan.file_name, { type: 'application/pdf' }));
    await user.click(within(dialog).getByRole('button', { name: 'Lampirkan' }));
    await waitFor(() => {
      expect(uploads).toHaveLength(1);
    });
    const conflicting = { entity_type: 'order', id: '01960000-0000-7000-8000-000000000002', number: '0002/SP/DISKOMINFO/II/2026' };
    uploads[0]?.respond(409, { type: 'about:blank', title: 'x', status: 409, code: 'proof_reused', detail: 'Server detail that must not be shown', conflicting });
    expect(await within(dialog).findByText(/Isi berkas ini sudah menjadi bukti pesanan 0002\/SP\/DISKOMINFO\/II\/2026\./)).toBeInTheDocument();
    expect(within(dialog).queryByText('Server detail that must not be shown')).not.toBeInTheDocument();
  });
});
