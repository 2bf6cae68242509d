import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { limits } from '../../api/limits';
import { problemMessage } from '../../api/problem';
import type { BankAccount, PressCompany } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { DialogActions } from '../../components/DialogActions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { PageLoader } from '../../components/PageLoader';
import { formatInstant } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { FactTable } from './display';
import { bankAccountsQuery, createBankAccount, registryKeys, verifyBankAccount } from './queries';
import { bankAccountSchema } from './schemas';

function AddAccountDialog({ company, onClose }: { company: PressCompany; onClose: () => void }) {
  const { t } = useTranslation('registry');
  const queryClient = useQueryClient();
  const accountForm = useApiForm({
    schema: bankAccountSchema,
    // Payments go only to an account in the company's own name: that is the holder to expect.
    defaultValues: { bank_name: '', account_number: '', holder_name: company.legal_name },
    send: (values) => createBankAccount(company.id, values),
    fieldCodes: { bank_account_exists: 'account_number' },
    limits: limits.BankAccountRequest,
    onSuccess: (saved) => {
      notifySaved(t('accountCreated', { bank: saved.bank_name, number: saved.account_number }));
      void queryClient.invalidateQueries({ queryKey: registryKeys.bankAccounts(company.id) });
      onClose();
    },
  });
  const { register } = accountForm.form;
  return (
    <FormDialog form={accountForm} title={t('accountCreateTitle', { name: company.legal_name })} onClose={onClose}>
      <TextInput label={t('field.bank_name')} required error={accountForm.fieldError('bank_name')} {...register('bank_name')} />
      <TextInput
        label={t('field.account_number')}
        description={t('hint.account_number')}
        required
        inputMode="numeric"
        autoComplete="off"
        error={accountForm.fieldError('account_number')}
        {...register('account_number')}
      />
      <TextInput
        label={t('field.holder_name')}
        description={t('hint.holder_name')}
        required
        error={accountForm.fieldError('holder_name')}
        {...register('holder_name')}
      />
    </FormDialog>
  );
}

/**
 * Confirms that an account is the company's own, so that it can be paid into. The server compares
 * the holder with the legal name and refuses any other; the refusal is explained with both names.
 */
function VerifyAccountDialog({ company, account, onClose }: { company: PressCompany; account: BankAccount; onClose: () => void }) {
  const { t } = useTranslation('registry');
  const queryClient = useQueryClient();
  const verify = useMutation({
    mutationFn: () => verifyBankAccount(account),
    onSuccess: (verified) => {
      notifySaved(t('accountVerified', { bank: verified.bank_name, number: verified.account_number }));
      void queryClient.invalidateQueries({ queryKey: registryKeys.bankAccounts(company.id) });
      onClose();
    },
  });
  const notTheCompany = verify.error instanceof ApiError && verify.error.code === 'holder_is_not_the_company';

  return (
    <Modal opened onClose={onClose} title={t('verifyTitle', { bank: account.bank_name, number: account.account_number })}>
      <Stack>
        <Text size="sm">{t('verifyExplain')}</Text>
        <FactTable
          label={t('verifyCompare')}
          rows={[
            [t('field.holder_name'), account.holder_name],
            [t('field.legal_name'), company.legal_name],
          ]}
        />
        {verify.isError && (
          <Alert color="red" role="alert" title={notTheCompany ? t('holderRefusedTitle') : undefined}>
            {notTheCompany ? t('holderRefused', { holder: account.holder_name, name: company.legal_name }) : problemMessage(t, verify.error)}
          </Alert>
        )}
        <DialogActions onCancel={onClose} loading={verify.isPending} label={t('verify')} onConfirm={() => verify.mutate()} />
      </Stack>
    </Modal>
  );
}

/** The accounts a company may be paid into; only a verified one, in its own name, ever is. */
export function BankAccounts({ company }: { company: PressCompany }) {
  const { t } = useTranslation('registry');
  const canManage = useCan('registry.manage');
  const canVerify = useCan('bank_accounts.verify');
  const accounts = useQuery(bankAccountsQuery(company.id));
  const [adding, setAdding] = useState(false);
  const [verifying, setVerifying] = useState<BankAccount | null>(null);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={640}>
          {t('accountsIntro')}
        </Text>
        {canManage && <Button onClick={() => setAdding(true)}>{t('accountCreate')}</Button>}
      </Group>
      {accounts.isPending && <PageLoader />}
      {accounts.isError && <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} />}
      {accounts.data && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label={t('tab.accounts')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('col.bank')}</Table.Th>
                <Table.Th>{t('col.accountNumber')}</Table.Th>
                <Table.Th>{t('col.holder')}</Table.Th>
                <Table.Th>{t('col.verification')}</Table.Th>
                {canVerify && <Table.Th w={140}>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.data.map((account) => (
                <Table.Tr key={account.id}>
                  <Table.Td>{account.bank_name}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {account.account_number}
                    </Text>
                  </Table.Td>
                  <Table.Td>{account.holder_name}</Table.Td>
                  <Table.Td>
                    {account.verified_at ? (
                      <Stack gap={2} align="flex-start">
                        <Badge color="green" variant="light" tt="none">
                          {t('accountVerifiedBadge')}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {formatInstant(account.verified_at)}
                        </Text>
                      </Stack>
                    ) : (
                      <Badge color="gray" variant="light" tt="none">
                        {t('accountUnverified')}
                      </Badge>
                    )}
                  </Table.Td>
                  {canVerify && (
                    <Table.Td>
                      {!account.verified_at && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={t('verifyFor', { number: account.account_number })}
                          onClick={() => setVerifying(account)}
                        >
                          {t('verify')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {accounts.data.length === 0 && <Text c="dimmed">{t('accountsNone')}</Text>}
        </Table.ScrollContainer>
      )}
      {adding && <AddAccountDialog company={company} onClose={() => setAdding(false)} />}
      {verifying && <VerifyAccountDialog company={company} account={verifying} onClose={() => setVerifying(null)} />}
    </Stack>
  );
}
