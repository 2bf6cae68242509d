import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '../../api/client';
import { formatInstant } from '../../format';
import { fakeServer, json, me, problem, tokenPair, type Seen } from '../../test/http';
import { renderApp } from '../../test/render';
import type { AuditCheckpoint, CheckpointKey } from './queries';

const admin = { ...me, permissions: [...me.permissions, 'audit.checkpoint'] };
const auditor = { ...me, role: 'auditor', permissions: ['organisation.read', 'units.read', 'users.read', 'audit.read'] };

const key: CheckpointKey = {
  algorithm: 'Ed25519',
  key_id: '3f9a0c5e7b1d2468',
  public_key: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
};

function checkpoint(sequence: number, hash: string): AuditCheckpoint {
  return {
    id: `0190f7a0-0000-7000-8000-0000000c00${String(sequence).padStart(2, '0')}`,
    organisation_id: me.organisation.id,
    sequence,
    hash,
    signed_at: '2025-03-01T17:30:00Z',
    algorithm: key.algorithm,
    key_id: key.key_id,
    public_key: key.public_key,
    signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155',
    signed_text: `mitra-audit-checkpoint-v1\norganisation ${me.organisation.id}\nsequence ${sequence}\nhash ${hash}\n`,
  };
}

const older = checkpoint(12, 'aa11bb22cc33dd44ee55ff6677889900aa11bb22cc33dd44ee55ff6677889900');
const newer = checkpoint(13, '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef');

/**
 * A server with the audit log empty and the checkpoints held in `stored`, newest first; signing
 * answers `sign` (a new checkpoint is kept first, as the server would list it).
 */
function checkpointServer({ who = admin, sign }: { who?: unknown; sign?: () => Response } = {}) {
  const stored = [older];
  const seen = fakeServer((request: Seen) => {
    if (request.path === '/api/v1/me') return json(200, who);
    if (request.path === '/api/v1/audit-events') return json(200, { items: [], next_cursor: null });
    if (request.path === '/api/v1/audit-checkpoints/key') return json(200, key);
    if (request.path === '/api/v1/audit-checkpoints' && request.method === 'GET') return json(200, { items: stored, next_cursor: null });
    if (request.path === '/api/v1/audit-checkpoints' && request.method === 'POST') {
      if (sign) return sign();
      stored.unshift(newer);
      return json(201, newer);
    }
    return undefined;
  });
  return seen;
}

const listRequests = (seen: Seen[]) => seen.filter((request) => request.path === '/api/v1/audit-checkpoints' && request.method === 'GET');

/** Opens the audit page and its checkpoints section; answers the checkpoints table. */
async function openCheckpoints(user: ReturnType<typeof userEvent.setup>) {
  renderApp('/audit');
  const section = await screen.findByRole('region', { name: 'Titik periksa bertanda tangan' });
  await user.click(within(section).getByRole('button', { name: 'Tampilkan titik periksa' }));
  const table = await within(section).findByRole('table', { name: 'Titik periksa bertanda tangan' });
  await within(table).findByText('12');
  return { section, table };
}

/** A blob's text; jsdom's Blob has no `text()`, its FileReader reads one. */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(blob);
  });
}

beforeEach(() => api.session.setTokens(tokenPair('access-1')));
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  api.session.clear(null);
});

describe('Signed audit checkpoints', () => {
  it('asks for nothing until opened, then lists the checkpoints and the signing key', async () => {
    const seen = checkpointServer();
    const user = userEvent.setup();
    renderApp('/audit');
    const section = await screen.findByRole('region', { name: 'Titik periksa bertanda tangan' });
    await screen.findByRole('table', { name: 'Log audit' });
    expect(seen.some((request) => request.path.startsWith('/api/v1/audit-checkpoints'))).toBe(false);

    await user.click(within(section).getByRole('button', { name: 'Tampilkan titik periksa' }));
    const table = await within(section).findByRole('table', { name: 'Titik periksa bertanda tangan' });
    const row = (await within(table).findByText('12')).closest('tr')!;
    expect(within(row).getByText(formatInstant(older.signed_at))).toBeInTheDocument();
    expect(within(row).getByText(key.key_id)).toBeInTheDocument();
    expect(within(row).getByText('aa11bb22cc33dd44…')).toHaveAttribute('title', older.hash);
    expect(listRequests(seen)[0]?.search).toBe('?limit=10');

    expect(within(section).getByText('mitra audit verify --checkpoint FILE')).toBeInTheDocument();
    expect(await within(section).findByLabelText('ID kunci')).toHaveTextContent(key.key_id);
    expect(within(section).getByLabelText('Kunci publik (Ed25519)')).toHaveTextContent(key.public_key);
  });

  it('downloads a checkpoint as the API answered it, named by its sequence', async () => {
    checkpointServer();
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:checkpoint';
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const user = userEvent.setup();
    const { table } = await openCheckpoints(user);

    await user.click(within(table).getByRole('button', { name: 'Unduh titik periksa 12' }));
    expect(names).toEqual(['mitra-checkpoint-12.json']);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.type).toBe('application/json');
    const text = await readText(blobs[0]!);
    expect(text).toBe(`${JSON.stringify(older, null, 2)}\n`);
    expect(JSON.parse(text)).toEqual(older);
  });

  it('offers an admin to sign now, and an auditor not', async () => {
    checkpointServer({ who: auditor });
    const user = userEvent.setup();
    const { section } = await openCheckpoints(user);
    expect(within(section).getByRole('button', { name: 'Unduh titik periksa 12' })).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: 'Tandatangani sekarang' })).not.toBeInTheDocument();
    cleanup();

    checkpointServer();
    const admins = await openCheckpoints(user);
    expect(within(admins.section).getByRole('button', { name: 'Tandatangani sekarang' })).toBeInTheDocument();
  });

  it('signs the chain head, says so, and shows the new checkpoint', async () => {
    const seen = checkpointServer();
    const user = userEvent.setup();
    const { section, table } = await openCheckpoints(user);
    expect(within(table).queryByText('13')).not.toBeInTheDocument();
    const before = listRequests(seen).length;

    await user.click(within(section).getByRole('button', { name: 'Tandatangani sekarang' }));
    expect(await screen.findByText('Titik periksa ditandatangani pada peristiwa nomor 13.')).toBeInTheDocument();
    const row = (await within(table).findByText('13')).closest('tr')!;
    expect(within(row).getByText('0123456789abcdef…')).toBeInTheDocument();
    expect(seen.filter((request) => request.path === '/api/v1/audit-checkpoints' && request.method === 'POST')).toHaveLength(1);
    expect(listRequests(seen).length).toBeGreaterThan(before);
  });

  it('says when the chain head was already signed', async () => {
    checkpointServer({ sign: () => json(200, older) });
    const user = userEvent.setup();
    const { section } = await openCheckpoints(user);
    await user.click(within(section).getByRole('button', { name: 'Tandatangani sekarang' }));
    expect(await screen.findByText('Kepala rantai, peristiwa nomor 12, sudah ditandatangani.')).toBeInTheDocument();
  });

  it('shows a refused signing', async () => {
    checkpointServer({ sign: () => problem(403, 'forbidden') });
    const user = userEvent.setup();
    const { section } = await openCheckpoints(user);
    await user.click(within(section).getByRole('button', { name: 'Tandatangani sekarang' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent('Anda tidak memiliki izin untuk tindakan ini.');
    await waitFor(() => {
      expect(screen.queryByText(/Titik periksa ditandatangani/)).not.toBeInTheDocument();
    });
  });
});
