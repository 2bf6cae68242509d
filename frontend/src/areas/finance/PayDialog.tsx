import { Alert, Anchor, Group, Radio, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/errors';
import { limits } from '../../api/limits';
import { useCan } from '../../auth/hooks';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { formatBasisPoints, formatRupiah, jakartaToday } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { lessOf, withholdingOf } from './amounts';
import { useSubmissionKey } from './idempotency';
import { accountName, isVerified, type Invoice } from './model';
import { bankAccountsQuery, financeKeys, invoiceTaxQuery, payInvoice } from './queries';
import { useRefreshFinance } from './refresh';
import { paymentSchema, type PaymentValues } from './schemas';

/**
 * What the payment is expected to be: the gross invoiced, PPh 23 withheld on the amount before VAT
 * at the rate of the policy the orders were bought under, and the net transferred. The server
 * computes and records the figures; these are shown to check the SP2D against before paying.
 */
function ExpectedFigures({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('finance');
  const tax = useQuery(invoiceTaxQuery(invoice));
  const rate = tax.data?.pph23_bp;
  const pph23 = rate === undefined ? null : withholdingOf(invoice.base.amount, rate);
  const unknown = <Text span size="sm" c="dimmed">{tax.isPending ? t('common.loading') : t('pay.rateUnknown')}</Text>;
  return (
    <Stack gap={4}>
      <Table withTableBorder withColumnBorders={false} aria-label={t('pay.expectedLabel')}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t('field.gross')}</Table.Th>
            <Table.Td style={{ textAlign: 'right' }}>{formatRupiah(invoice.gross.amount)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('field.base')}</Table.Th>
            <Table.Td style={{ textAlign: 'right' }}>{formatRupiah(invoice.base.amount)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{rate === undefined ? t('field.pph23') : t('field.pph23At', { rate: formatBasisPoints(rate) })}</Table.Th>
            <Table.Td style={{ textAlign: 'right' }}>{pph23 === null ? unknown : formatRupiah(pph23)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('field.net')}</Table.Th>
            <Table.Td style={{ textAlign: 'right' }} fw={600}>
              {pph23 === null ? unknown : formatRupiah(lessOf(invoice.gross.amount, pph23))}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {t('pay.expectedNote')}
      </Text>
      {invoice.stamp_duty && (
        <Text size="xs" c="dimmed">
          {t('pay.stampDuty')}
        </Text>
      )}
    </Stack>
  );
}

/**
 * Pays an accepted invoice once, into a verified account of the company. The key sent with it is
 * made when the form opens and sent again when the same payment is sent again after a lost
 * answer, so the SP2D is recorded once; it is renewed once the server has answered for good.
 */
export function PayDialog({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const { t } = useTranslation('finance');
  const queryClient = useQueryClient();
  const refresh = useRefreshFinance();
  const submission = useSubmissionKey();
  const canReadRegistry = useCan('registry.read');
  const accounts = useQuery(bankAccountsQuery(invoice.company_id));
  const verified = (accounts.data ?? []).filter(isVerified);
  const defaults: PaymentValues = { sp2d_number: '', sp2d_date: jakartaToday(), bank_account_id: '', withholding_slip_number: '' };
  const payForm = useApiForm({
    schema: paymentSchema,
    defaultValues: defaults,
    send: (values) => payInvoice(invoice, values, submission.for(values)),
    fieldCodes: { account_not_verified: 'bank_account_id', account_not_companys: 'bank_account_id' },
    limits: limits.PaymentRequest,
    onSuccess: (paid) => {
      submission.settle();
      const payment = paid.payment;
      notifySaved(
        payment
          ? t('pay.done', { number: paid.number, net: formatRupiah(payment.net.amount), account: accountName(payment) })
          : t('pay.doneShort', { number: paid.number }),
      );
      queryClient.setQueryData(financeKeys.invoice(paid.id), paid);
      void refresh();
      onClose();
    },
    onError: (error) => {
      submission.settle(error);
      // An account verified or withdrawn meanwhile, a payment recorded elsewhere: read them again.
      if (error instanceof ApiError && error.status === 409) {
        void refresh();
        void queryClient.invalidateQueries({ queryKey: financeKeys.accounts(invoice.company_id) });
      }
    },
  });
  const { control, register } = payForm.form;

  return (
    <FormDialog form={payForm} title={t('pay.title', { number: invoice.number })} onClose={onClose} submitLabel={t('pay.submit')} color="green" size="lg">
      <Text size="sm">{t('pay.explain', { company: invoice.company_name })}</Text>
      <ExpectedFigures invoice={invoice} />
      <Group grow align="flex-start">
        <TextInput label={t('field.sp2dNumber')} required autoComplete="off" error={payForm.fieldError('sp2d_number')} {...register('sp2d_number')} />
        <TextInput label={t('field.sp2dDate')} type="date" max={jakartaToday()} required error={payForm.fieldError('sp2d_date')} {...register('sp2d_date')} />
      </Group>
      <Controller
        control={control}
        name="bank_account_id"
        render={({ field }) => (
          <Radio.Group
            label={t('field.account')}
            description={t('pay.accountHint', { company: invoice.company_name })}
            required
            value={field.value}
            onChange={field.onChange}
            error={payForm.fieldError('bank_account_id')}
          >
            <Stack gap="xs" mt="xs">
              {accounts.isPending && <Text c="dimmed">{t('common.loading')}</Text>}
              {accounts.isError && <Text c="red">{t('pay.accountsFailed')}</Text>}
              {accounts.data?.map((account) => (
                <Radio
                  key={account.id}
                  value={account.id}
                  disabled={!isVerified(account)}
                  label={accountName(account)}
                  description={isVerified(account) ? t('pay.accountVerified') : t('pay.accountUnverified', { company: invoice.company_name })}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
      />
      {accounts.data && verified.length === 0 && (
        <Alert color="orange" title={t('pay.noVerifiedTitle')}>
          <Text size="sm">{t('pay.noVerified', { company: invoice.company_name })}</Text>
          {canReadRegistry && (
            <Anchor component={Link} to={`/registry/companies/${invoice.company_id}?tab=accounts`} size="sm">
              {t('pay.registryLink')}
            </Anchor>
          )}
        </Alert>
      )}
      <TextInput
        label={t('field.withholdingSlip')}
        description={t('pay.slipHint')}
        autoComplete="off"
        error={payForm.fieldError('withholding_slip_number')}
        {...register('withholding_slip_number')}
      />
    </FormDialog>
  );
}
