import { Alert, Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { verifyChain } from './queries';

/** Asks the server to re-walk the audit hash chain and shows the verdict. */
export function ChainCheck() {
  const { t } = useTranslation('audit');
  const verify = useMutation({ mutationFn: verifyChain });
  const result = verify.data;
  const reason = result?.broken_at?.reason;
  return (
    <Stack gap="xs" align="flex-end" maw={420}>
      <Button variant="light" loading={verify.isPending} onClick={() => verify.mutate()}>
        {t('verify')}
      </Button>
      {verify.isError && <ErrorAlert error={verify.error} />}
      {result && result.valid && (
        <Alert color="green" title={t('verifyValidTitle')} role="status">
          {t('verifyValid', { count: result.events_checked, head: result.head_sequence })}
        </Alert>
      )}
      {result && !result.valid && (
        <Alert color="red" title={t('verifyBrokenTitle')} role="alert">
          {t('verifyBroken', { sequence: result.broken_at?.sequence ?? result.head_sequence })}
          {reason && ` ${t(`breakReason.${reason}`)}`}
        </Alert>
      )}
    </Stack>
  );
}
