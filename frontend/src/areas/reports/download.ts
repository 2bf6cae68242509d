import { useMutation } from '@tanstack/react-query';
import { saveBlob } from '../../api/files';
import { reportCsv, type ReportPath, type ReportQuery } from './queries';

/**
 * Downloads the report at `path`, asked with `query`, as the CSV the server answers with
 * `format=csv`, and hands it to the browser to save as `fileName`.
 */
export function useCsvDownload<P extends ReportPath>(path: P, query: ReportQuery<P>, fileName: string) {
  return useMutation({
    mutationFn: () => reportCsv(path, query),
    onSuccess: (blob) => {
      saveBlob(blob, fileName);
    },
  });
}

/** A CSV download in progress, done or failed, as a report page shows it. */
export type CsvDownload = ReturnType<typeof useCsvDownload>;
