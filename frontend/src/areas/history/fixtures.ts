import { json, me, pathOf, problem } from '../../test/http';
import type { HistoryBatch, HistoryImportPreview } from './queries';

/** An administrator who reads reports and imports history. */
export const importer = { ...me, permissions: [...me.permissions, 'reports.read', 'history.import'] };

/** An auditor: reads reports and the imports, imports nothing. */
export const reader = {
  ...me,
  id: '0190f7a0-0000-7000-8000-000000000005',
  username: 'oki.auditor',
  full_name: 'Auditor Inspektorat',
  role: 'auditor',
  permissions: ['organisation.read', 'reports.read', 'audit.read'],
};

export const IMPORTS_PATH = '/api/v1/history/imports';

export const BATCH: HistoryBatch = {
  id: '0190f7a0-0000-7000-8000-0000000b0001',
  kind: 'companies',
  file_name: 'perusahaan-2023.csv',
  rows: 12,
  imported_at: '2026-05-02T03:00:00Z',
  imported_by: me.id,
  sha256: 'aa'.repeat(32),
};

/** A request as the history's fake server saw it: the body kept as the text it was (a CSV is no JSON). */
export interface SeenText {
  method: string;
  path: string;
  search: URLSearchParams;
  contentType: string | null;
  body: string;
}

/**
 * Stubs `fetch` with a server for the history area: `/me` is `who`, the imports list is `batches`
 * (a batch imported is added to it), and an import answers through `answer`.
 */
export function historyServer({ who = importer, batches = [BATCH], answer }: { who?: object; batches?: HistoryBatch[]; answer?: (request: SeenText) => Response | undefined } = {}): SeenText[] {
  const seen: SeenText[] = [];
  const list = [...batches];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const entry: SeenText = {
        method: request.method,
        path: pathOf(request),
        search: new URL(request.url).searchParams,
        contentType: request.headers.get('Content-Type'),
        body: await request.text(),
      };
      seen.push(entry);
      if (entry.path === '/api/v1/me') return json(200, who);
      if (entry.path === IMPORTS_PATH && entry.method === 'GET') return json(200, { items: list, next_cursor: null });
      if (entry.path.startsWith(`${IMPORTS_PATH}/`) && entry.method === 'POST') {
        const custom = answer?.(entry);
        if (custom) {
          if (custom.status === 201) list.unshift((await custom.clone().json()) as HistoryBatch);
          return custom;
        }
      }
      return problem(404, 'not_found');
    }),
  );
  return seen;
}

/** The posts of imports the server saw. */
export function importPosts(seen: SeenText[]): SeenText[] {
  return seen.filter((request) => request.method === 'POST' && request.path.startsWith(`${IMPORTS_PATH}/`));
}

export const GOOD_CSV = 'npwp,legal_name,eligible_from,eligible_until,verified_account\n01.234.567.8-901.000,PT Kayuagung Media Utama,2023-01-01,2023-12-31,1234567890\n';
export const BAD_CSV = 'npwp,legal_name,eligible_from,eligible_until,verified_account\n12,PT Kayuagung Media Utama,2023-13-01,2023-12-31,\n';

export const VALID_PREVIEW: HistoryImportPreview = {
  kind: 'companies',
  rows: 1,
  valid: true,
  errors: [],
  sample: [{ npwp: '012345678901000', legal_name: 'PT Kayuagung Media Utama' }] as unknown as HistoryImportPreview['sample'],
  sha256: 'bb'.repeat(32),
};

export const ROW_ERRORS: HistoryImportPreview['errors'] = [
  { field: 'rows[2].npwp', code: 'invalid_format', message: 'Server prose that must not be shown', row: 2, column: 'npwp' },
  { field: 'rows[2].eligible_from', code: 'invalid_value', message: 'Server prose that must not be shown', row: 2, column: 'eligible_from' },
];

export const INVALID_PREVIEW: HistoryImportPreview = { ...VALID_PREVIEW, valid: false, errors: ROW_ERRORS, sample: [] };
