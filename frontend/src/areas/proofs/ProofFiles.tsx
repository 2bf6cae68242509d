import { Alert, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DownloadButton } from '../../components/DownloadButton';
import { formatFileSize, formatInstant } from '../../format';
import { awaitsEvidence, type Proof, type ProofFile } from './model';
import { proofFileContent } from './queries';

/** One attached file: what it is, and a button that fetches it with the access token and saves it. */
function FileRow({ file }: { file: ProofFile }) {
  const { t } = useTranslation('proofs');
  return (
    <Table.Tr>
      <Table.Td style={{ wordBreak: 'break-all' }}>{file.file_name}</Table.Td>
      <Table.Td>{t(`fileType.${file.file_type}`)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatFileSize(file.file_size)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatInstant(file.created_at)}</Table.Td>
      <Table.Td ta="right">
        <DownloadButton fetchFile={() => proofFileContent(file)} fileName={file.file_name} failed={t('files.downloadFailed')}>
          {/* Seen as "Download" beside the file's name; heard with the name, as each row has one. */}
          <span aria-hidden>{t('files.downloadShort')}</span>
          <VisuallyHidden>{t('files.download', { file: file.file_name })}</VisuallyHidden>
        </DownloadButton>
      </Table.Td>
    </Table.Tr>
  );
}

interface ProofFilesProps {
  proof: Proof;
  position: number;
  /** Attaching a file, for a pending proof, to those who hand in proofs. */
  onAttach?: () => void;
}

/**
 * The files that show a proof (a clipping's scan, a broadcast's recording, a page's screenshot, a
 * receipt's scan), each to download. A pending proof whose kind must show a file and has none says
 * so: the server verifies it only once one is attached.
 */
export function ProofFiles({ proof, position, onAttach }: ProofFilesProps) {
  const { t } = useTranslation('proofs');
  const label = t('files.label', { position });
  return (
    <Stack component="section" aria-label={label} gap="xs">
      <Group justify="space-between" align="center">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {t('files.title')}
        </Text>
        {onAttach && (
          <Button size="xs" variant="default" onClick={onAttach}>
            {t('files.attach')}
          </Button>
        )}
      </Group>
      {/* A hint that stays while the proof waits, not news to announce. */}
      {awaitsEvidence(proof) && (
        <Alert color="orange" role="note" p="xs">
          <Text size="sm">{t('files.required')}</Text>
        </Alert>
      )}
      {proof.files.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('files.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table aria-label={t('files.table', { position })} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('files.colFile')}</Table.Th>
                <Table.Th>{t('files.colType')}</Table.Th>
                <Table.Th>{t('files.colSize')}</Table.Th>
                <Table.Th>{t('files.colAt')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('files.colDownload')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {proof.files.map((file) => (
                <FileRow key={file.id} file={file} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
