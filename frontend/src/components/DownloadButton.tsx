import { Button } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { saveBlob } from '../api/files';
import { problemMessage } from '../api/problem';
import { notifyFailed } from './notify';

/**
 * A button that fetches a file with the access token (a plain link cannot carry it) and hands it
 * to the browser to save under `fileName`; a refusal is shown as a notification titled `failed`.
 */
export function DownloadButton({ fetchFile, fileName, failed, children }: { fetchFile: () => Promise<Blob>; fileName: string; failed: string; children: ReactNode }) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: fetchFile,
    onSuccess: (blob) => saveBlob(blob, fileName),
    onError: (error) => notifyFailed(failed, problemMessage(t, error)),
  });
  return (
    <Button variant="default" onClick={() => download.mutate()} loading={download.isPending}>
      {children}
    </Button>
  );
}
