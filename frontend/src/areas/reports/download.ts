import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { saveBlob } from '../../api/files';
import { reportCsv, type CsvProgress, type ReportPath, type ReportQuery } from './queries';

/**
 * Downloads the report at `path`, asked with `query`, as the CSV the server answers with
 * `format=csv`, and hands it to the browser to save as `fileName`.
 */
export function useCsvDownload<P extends ReportPath>(path: P, query: ReportQuery<P>, fileName: string) {
  const [progress, setProgress] = useState<CsvProgress | null>(null);
  const mutation = useMutation({
    mutationFn: () => {
      setProgress(null);
      return reportCsv(path, query, setProgress);
    },
    onSuccess: (blob) => {
      saveBlob(blob, fileName);
    },
  });
  /** What has arrived of the download under way, for a long export to show it moves. */
  return { ...mutation, progress: mutation.isPending ? progress : null };
}

/** A CSV download in progress, done or failed, as a report page shows it. */
export type CsvDownload = ReturnType<typeof useCsvDownload>;
