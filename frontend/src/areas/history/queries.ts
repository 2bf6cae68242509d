import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { components } from '../../api/schema';

type Schemas = components['schemas'];
export type HistoryBatch = Schemas['HistoryBatch'];
export type HistoryKind = Schemas['HistoryKind'];
export type HistoryImportPreview = Schemas['HistoryImportPreview'];
export type ImportRowError = Schemas['FieldError'];

/** The newest imports the list shows: one page, as the server's largest. */
const LIST_LIMIT = 100;

export const historyKeys = {
  all: ['history'] as const,
  imports: () => [...historyKeys.all, 'imports'] as const,
};

/** The imports of earlier years' records, newest first. */
export function importsQuery() {
  return queryOptions({
    queryKey: historyKeys.imports(),
    queryFn: async () => (await unwrap(api.client.GET('/api/v1/history/imports', { params: { query: { limit: LIST_LIMIT } } }))).items,
  });
}

/** What is sent to import a file: its kind, its name and its text. */
export interface ImportFile {
  kind: HistoryKind;
  fileName: string;
  text: string;
}

function postImport({ kind, fileName, text }: ImportFile, dryRun: boolean) {
  return unwrap(
    api.client.POST('/api/v1/history/imports/{kind}', {
      params: { path: { kind }, query: dryRun ? { dry_run: true, file_name: fileName } : { file_name: fileName } },
      // The CSV goes as it was read, not as JSON.
      body: text,
      bodySerializer: (body: string) => body,
      headers: { 'Content-Type': 'text/csv' },
    }),
  );
}

/** What importing the file would store, with every refused row; nothing is stored. */
export function previewImport(file: ImportFile): Promise<HistoryImportPreview> {
  return postImport(file, true) as Promise<HistoryImportPreview>;
}

/** Stores the file whole, or refuses it whole (422 `import_rejected` with its errors). */
export function runImport(file: ImportFile): Promise<HistoryBatch> {
  return postImport(file, false) as Promise<HistoryBatch>;
}
