import { Alert, Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { BREAK_REASONS } from './breakReasons';

/** Asks the server to re-walk the audit hash chain and shows the verdict. */
export function ChainCheck() {
  const { t } = useTranslation();
  const verify = useMutation({
    mutationFn: () => unwrap(api.client.GET('/api/v1/audit-events/verification')),
  });
  const result = verify.data;
  const code = result?.broken_at?.reason;
  const reason = code && (BREAK_REASONS as readonly string[]).includes(code) ? code : null;
  return (
    <Stack gap="xs" align="flex-end" maw={420}>
      <Button variant="light" loading={verify.isPending} onClick={() => verify.mutate()}>
        {t('audit.verify')}
      </Button>
      {verify.isError && <ErrorAlert error={verify.error} />}
      {result && result.valid && (
        <Alert color="green" title={t('audit.verifyValidTitle')} role="status">
          {t('audit.verifyValid', { count: result.events_checked, head: result.head_sequence })}
        </Alert>
      )}
      {result && !result.valid && (
        <Alert color="red" title={t('audit.verifyBrokenTitle')} role="alert">
          {t('audit.verifyBroken', { sequence: result.broken_at?.sequence ?? result.head_sequence })}
          {reason && ` ${t(`audit.breakReason.${reason}`)}`}
        </Alert>
      )}
    </Stack>
  );
}
