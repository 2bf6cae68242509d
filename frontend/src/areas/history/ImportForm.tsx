import { Alert, Button, Card, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { fieldErrorKey } from '../../api/problem';
import { historyKindValues } from '../../api/schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilePicker } from '../../components/FilePicker';
import { formatRupiah } from '../../format';
import { historyKeys, previewImport, runImport, type HistoryBatch, type HistoryImportPreview, type HistoryKind, type ImportFile, type ImportRowError } from './queries';

/** How many of the rows that read the preview shows. */
const SAMPLE_ROWS = 5;

/** The refusals of a file, row by row, as the file numbers them (the header is row 1). */
function RowErrors({ errors }: { errors: readonly ImportRowError[] }) {
  const { t } = useTranslation('history');
  const { t: common } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped aria-label={t('form.errorsLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('form.col.row')}</Table.Th>
            <Table.Th>{t('form.col.column')}</Table.Th>
            <Table.Th>{t('form.col.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((error, index) => (
            <Table.Tr key={`${error.row ?? ''}-${error.column ?? error.field}-${index}`}>
              <Table.Td>{error.row ?? '—'}</Table.Td>
              <Table.Td>{error.column ?? error.field}</Table.Td>
              <Table.Td>
                {/* The server's prose is never shown: only its stable code, translated. */}
                {common(fieldErrorKey(error.code))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A cell of a sample row: money in rupiah, anything else as text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'amount' in value && typeof value.amount === 'string') return formatRupiah(value.amount);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The first rows of a file that read, as they would be stored. */
function SampleRows({ rows }: { rows: readonly Record<string, unknown>[] }) {
  const { t } = useTranslation('history');
  const shown = rows.slice(0, SAMPLE_ROWS);
  const columns = [...new Set(shown.flatMap((row) => Object.keys(row)))];
  if (shown.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped aria-label={t('form.sampleLabel')}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((row, index) => (
            <Table.Tr key={index}>
              {columns.map((column) => (
                <Table.Td key={column}>{cellText(row[column])}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A picked file's text (read as UTF-8, as the server reads it). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      resolve(typeof reader.result === 'string' ? reader.result : '');
    });
    reader.addEventListener('error', () => {
      reject(reader.error ?? new Error('The file could not be read'));
    });
    reader.readAsText(file, 'utf-8');
  });
}

/** The refusals a 422 `import_rejected` carries, or null for another failure. */
function rejectedRows(error: unknown): ImportRowError[] | null {
  if (error instanceof ApiError && error.code === 'import_rejected') return error.problem?.errors ?? [];
  return null;
}

/**
 * A CSV file of earlier years' records to import: its kind, the file, a preview of what would be
 * stored (or why rows are refused), and the import itself once the preview has no refusal.
 */
export function ImportForm() {
  const { t } = useTranslation('history');
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<HistoryKind>('companies');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<{ sent: ImportFile; result: HistoryImportPreview } | null>(null);
  const [imported, setImported] = useState<HistoryBatch | null>(null);

  const read = async (): Promise<ImportFile> => {
    if (file === null) throw new Error('No file chosen');
    return { kind, fileName: file.name, text: await readText(file) };
  };
  const check = useMutation({
    mutationFn: async () => {
      const sent = await read();
      return { sent, result: await previewImport(sent) };
    },
    onSuccess: setPreview,
  });
  const store = useMutation({
    mutationFn: (sent: ImportFile) => runImport(sent),
    onSuccess: (batch) => {
      setImported(batch);
      setPreview(null);
      void queryClient.invalidateQueries({ queryKey: historyKeys.all });
    },
  });

  const restart = () => {
    setPreview(null);
    setImported(null);
    check.reset();
    store.reset();
  };
  const rejected = rejectedRows(store.error);
  const result = preview?.result;

  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t('form.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('form.intro')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('form.kind')}
            value={kind}
            data={historyKindValues.map((value) => ({ value, label: t(`kind.${value}`) }))}
            onChange={(event) => {
              setKind(event.currentTarget.value as HistoryKind);
              restart();
            }}
          />
          <FilePicker
            label={t('form.file')}
            accept="text/csv,.csv"
            onChange={(next) => {
              setFile(next);
              restart();
            }}
          />
          <Button variant="default" disabled={file === null} loading={check.isPending} onClick={() => check.mutate()}>
            {t('form.preview')}
          </Button>
          <Button disabled={result?.valid !== true} loading={store.isPending} onClick={() => preview && store.mutate(preview.sent)}>
            {t('form.import')}
          </Button>
        </Group>
        {check.isError && <ErrorAlert title={t('form.previewFailed')} error={check.error} />}
        {store.isError && rejected === null && <ErrorAlert title={t('form.importFailed')} error={store.error} />}
        {imported !== null && (
          <Alert color="green" role="status" title={t('form.done')}>
            {t('form.doneDetail', { count: imported.rows, file: imported.file_name, kind: t(`kind.${imported.kind}`) })}
          </Alert>
        )}
        {result !== undefined && (
          <Text size="sm" fw={500} c={result.valid ? undefined : 'red.8'} role="status">
            {result.valid ? t('form.valid', { count: result.rows }) : t('form.invalid', { count: result.rows, errors: result.errors.length })}
          </Text>
        )}
        {result !== undefined && result.errors.length > 0 && <RowErrors errors={result.errors} />}
        {result !== undefined && result.valid && <SampleRows rows={result.sample} />}
        {rejected !== null && (
          <>
            <Text size="sm" fw={500} c="red.8" role="alert">
              {t('form.rejected', { count: rejected.length })}
            </Text>
            <RowErrors errors={rejected} />
          </>
        )}
      </Stack>
    </Card>
  );
}
