import { Button, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/errors';
import { limits } from '../../api/limits';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { formatDay, formatRupiah, jakartaToday } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { sumOf, timesOf } from './amounts';
import { useSubmissionKey } from './idempotency';
import type { Order } from './model';
import { billableOrdersQuery, companiesQuery, financeKeys, recordInvoice } from './queries';
import { invoiceSchema, type InvoiceValues } from './schemas';

/** What an order is worth on an invoice before VAT: its verified quantity at its agreed price. */
function worth(order: Order): string {
  return timesOf(order.verified_quantity ?? order.quantity, order.unit_price.amount);
}

function OrderChoice({ order }: { order: Order }) {
  const { t } = useTranslation('finance');
  const units = order.verified_quantity ?? order.quantity;
  return (
    <Checkbox
      value={order.id}
      label={t('record.orderLabel', { number: order.number, subject: order.subject })}
      description={t('record.orderWorth', {
        outlet: order.outlet_name,
        count: units,
        price: formatRupiah(order.unit_price.amount),
        amount: formatRupiah(worth(order)),
      })}
    />
  );
}

/**
 * Records a company's invoice for its orders whose proof is verified, each billed at its verified
 * quantity. The key sent with it is made when the form opens and sent again when the same invoice is
 * sent again after a lost answer, so it is recorded once.
 */
export function RecordInvoiceDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('finance');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const submission = useSubmissionKey();
  const companies = useQuery(companiesQuery());
  const defaults: InvoiceValues = { company_id: '', order_ids: [], number: '', invoice_date: jakartaToday() };
  const invoiceForm = useApiForm({
    schema: invoiceSchema,
    defaultValues: defaults,
    send: (values) => recordInvoice(values, submission.for(values)),
    fieldCodes: { invoice_number_taken: 'number', order_already_invoiced: 'order_ids' },
    placeFieldError: (field) => (field.startsWith('order_ids') ? 'order_ids' : undefined),
    limits: limits.InvoiceRequest,
    onSuccess: (invoice) => {
      submission.settle();
      notifySaved(t('record.done', { number: invoice.number, company: invoice.company_name }));
      void queryClient.invalidateQueries({ queryKey: financeKeys.all });
      onClose();
      void navigate(`/finance/invoices/${invoice.id}`);
    },
    onError: (error) => {
      submission.settle(error);
      // Another invoice took an order first: show what is still billable.
      if (error instanceof ApiError && error.code === 'order_already_invoiced') void queryClient.invalidateQueries({ queryKey: financeKeys.all });
    },
  });
  const { control, register, setValue } = invoiceForm.form;
  const companyId = useWatch({ control, name: 'company_id' });
  const picked = useWatch({ control, name: 'order_ids' });
  const invoiceDate = useWatch({ control, name: 'invoice_date' });
  const orders = useQuery({ ...billableOrdersQuery(companyId), enabled: companyId !== '' });
  const company = companies.data?.find((candidate) => candidate.id === companyId);
  const chosen = (orders.data ?? []).filter((order) => picked.includes(order.id));
  const vatRegistered = company?.vat_registered_since != null && company.vat_registered_since <= invoiceDate;

  return (
    <FormDialog form={invoiceForm} title={t('record.title')} onClose={onClose} submitLabel={t('record.submit')} size="xl">
      <Text size="sm">{t('record.explain')}</Text>
      <Controller
        control={control}
        name="company_id"
        render={({ field }) => (
          <Select
            label={t('field.company')}
            placeholder={t('record.companyPlaceholder')}
            required
            searchable
            nothingFoundMessage={t('record.noCompany')}
            disabled={companies.isPending}
            data={(companies.data ?? []).map((candidate) => ({ value: candidate.id, label: candidate.legal_name }))}
            value={field.value || null}
            onChange={(value) => {
              field.onChange(value ?? '');
              // Orders belong to one company: a new company starts with none picked.
              setValue('order_ids', []);
            }}
            onBlur={field.onBlur}
            ref={field.ref}
            error={invoiceForm.fieldError('company_id')}
          />
        )}
      />
      {companyId !== '' && (
        <Controller
          control={control}
          name="order_ids"
          render={({ field }) => (
            <Checkbox.Group
              label={t('field.orders')}
              description={t('record.ordersHint')}
              required
              value={field.value}
              onChange={field.onChange}
              error={invoiceForm.fieldError('order_ids')}
            >
              <Stack gap="xs" mt="xs">
                {orders.isPending && <Text c="dimmed">{t('common.loading')}</Text>}
                {orders.isError && <Text c="red">{t('record.ordersFailed')}</Text>}
                {orders.data?.length === 0 && <Text c="dimmed">{t('record.noOrders')}</Text>}
                {orders.data?.map((order) => <OrderChoice key={order.id} order={order} />)}
              </Stack>
            </Checkbox.Group>
          )}
        />
      )}
      {companyId !== '' && orders.data && orders.data.length > 1 && (
        <Group gap="xs">
          <Button variant="subtle" size="xs" onClick={() => setValue('order_ids', orders.data.map((order) => order.id), { shouldDirty: true })}>
            {t('record.pickAll')}
          </Button>
          {picked.length > 0 && (
            <Button variant="subtle" size="xs" color="gray" onClick={() => setValue('order_ids', [], { shouldDirty: true })}>
              {t('record.pickNone')}
            </Button>
          )}
        </Group>
      )}
      {chosen.length > 0 && (
        <Text size="sm" fw={500} role="status">
          {t('record.chosen', { count: chosen.length, amount: formatRupiah(sumOf(chosen.map(worth))) })}
        </Text>
      )}
      <Group grow align="flex-start">
        <TextInput label={t('field.number')} description={t('record.numberHint')} required error={invoiceForm.fieldError('number')} {...register('number')} />
        <TextInput
          label={t('field.invoiceDate')}
          type="date"
          max={jakartaToday()}
          required
          error={invoiceForm.fieldError('invoice_date')}
          {...register('invoice_date')}
        />
      </Group>
      {company && (
        <Text size="sm" c="dimmed">
          {vatRegistered && company.vat_registered_since
            ? t('record.vatRegistered', { since: formatDay(company.vat_registered_since) })
            : t('record.notVatRegistered')}
        </Text>
      )}
    </FormDialog>
  );
}
