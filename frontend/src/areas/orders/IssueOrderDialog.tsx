import { Alert, Anchor, Checkbox, Group, List, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BaseSyntheticEvent } from 'react';
import { useState } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/errors';
import { limits } from '../../api/limits';
import { problemMessage } from '../../api/problem';
import { useCan } from '../../auth/hooks';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { formatDay, formatRupiah, jakartaToday } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { isAbove, timesOf } from './amounts';
import { useIdempotencyKey } from './idempotency';
import { agreementName, type Agreement, type AgreementLine } from './model';
import { activeAgreementsQuery, contentSearchQuery, issueOrder, orderKeys } from './queries';
import { issueSchema } from './schemas';
import { useProductNames, type ProductNames } from './words';

/** A quantity as typed, or null while it is not a whole number. */
function quantityOf(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) && Number(trimmed) > 0 ? Number(trimmed) : null;
}

/**
 * What the officer weighs before issuing: what the agreement and its budget line have left, the
 * line's units and price, and what the order would cost, with each limit it would pass.
 */
function Room({ agreement, line, quantity, names }: { agreement: Agreement; line: AgreementLine | undefined; quantity: number | null; names: ProductNames }) {
  const { t } = useTranslation('orders');
  const budget = agreement.budget_line;
  const unit = line ? names.unit(line.product) : null;
  const amount = line && quantity !== null ? timesOf(quantity, line.agreed_price.amount) : null;
  const passes = [
    line && quantity !== null && quantity > line.available ? t('issue.passes.quota', { available: line.available }) : null,
    amount !== null && isAbove(amount, agreement.remaining.amount) ? t('issue.passes.agreement', { remaining: formatRupiah(agreement.remaining.amount) }) : null,
    amount !== null && isAbove(amount, budget.remaining.amount) ? t('issue.passes.budget', { remaining: formatRupiah(budget.remaining.amount) }) : null,
  ].filter((text): text is string => text !== null);

  return (
    <Paper withBorder p="sm" component="section" aria-label={t('issue.room')}>
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <div>
            <Text size="xs" c="dimmed">
              {t('issue.agreementRemaining')}
            </Text>
            <Text size="sm" fw={600}>
              {formatRupiah(agreement.remaining.amount)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('issue.ofCeiling', { ceiling: formatRupiah(agreement.ceiling.amount) })}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('issue.budgetRemaining', { line: `${budget.unit_code} · ${budget.account_code}` })}
            </Text>
            <Text size="sm" fw={600}>
              {formatRupiah(budget.remaining.amount)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('issue.ofCeiling', { ceiling: formatRupiah(budget.ceiling.amount) })}
            </Text>
          </div>
          {line && (
            <div>
              <Text size="xs" c="dimmed">
                {t('issue.lineAvailable')}
              </Text>
              <Text size="sm" fw={600}>
                {unit ? t('issue.unitsOf', { count: line.available, unit }) : line.available}
              </Text>
              <Text size="xs" c="dimmed">
                {t('issue.ofQuota', { quota: line.quota, ordered: line.ordered })}
              </Text>
            </div>
          )}
          {line && (
            <div>
              <Text size="xs" c="dimmed">
                {t('issue.agreedPrice')}
              </Text>
              <Text size="sm" fw={600}>
                {unit ? t('issue.pricePer', { price: formatRupiah(line.agreed_price.amount), unit }) : formatRupiah(line.agreed_price.amount)}
              </Text>
            </div>
          )}
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('issue.period', { from: formatDay(agreement.starts_on), until: formatDay(agreement.ends_on) })}
        </Text>
        {amount !== null && (
          <Text size="sm" role="status">
            {t('issue.amount', { amount: formatRupiah(amount) })}
          </Text>
        )}
        {passes.length > 0 && (
          <Alert color="orange" title={t('issue.passesTitle')}>
            <List size="sm">
              {passes.map((text) => (
                <List.Item key={text}>{text}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** How long typing pauses before the content bank is searched. */
const CONTENT_SEARCH_DELAY_MS = 300;

interface ContentPickerProps {
  value: string;
  onChange: (id: string) => void;
  onBlur: () => void;
  error: string | undefined;
}

/**
 * The press release or material the order asks the company to publish, if any: searched in the
 * content bank by part of its title, as typed.
 */
function ContentPicker({ value, onChange, onBlur, error }: ContentPickerProps) {
  const { t } = useTranslation('orders');
  const [search, setSearch] = useState('');
  // The picked item's title, kept while a later search no longer lists it.
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const [settled] = useDebouncedValue(search.trim(), CONTENT_SEARCH_DELAY_MS);
  // Once an item is picked, its title fills the box: that is no new search.
  const q = picked !== null && picked.value === value && settled === picked.label ? '' : settled;
  const found = useQuery({ ...contentSearchQuery(q), placeholderData: keepPreviousData });
  const options = (found.data ?? []).map((item) => ({ value: item.id, label: item.title }));
  const current = value === '' ? null : (options.find((option) => option.value === value) ?? (picked?.value === value ? picked : null));
  const data = current && !options.some((option) => option.value === current.value) ? [current, ...options] : options;

  return (
    <Select
      label={t('field.content')}
      searchable
      clearable
      data={data}
      // The server has already searched: every option it answered is offered.
      filter={({ options: all }) => all}
      searchValue={search}
      onSearchChange={setSearch}
      placeholder={found.isPending ? t('common.loading') : undefined}
      nothingFoundMessage={found.isFetching ? t('common.loading') : t('common.empty')}
      value={value || null}
      onChange={(id, option) => {
        setPicked(id === null || option === null ? null : { value: id, label: option.label });
        onChange(id ?? '');
      }}
      onBlur={onBlur}
      error={error ?? (found.isError ? problemMessage(t, found.error) : undefined)}
    />
  );
}

/**
 * Issues a written order under a line of an active agreement. The request carries an
 * `Idempotency-Key` made when the form opens: retrying it (after a timeout, a dropped connection,
 * or a second click) never issues a second order.
 */
export function IssueOrderDialog({ agreementId, onClose }: { agreementId?: string; onClose: () => void }) {
  const { t } = useTranslation('orders');
  const queryClient = useQueryClient();
  const agreements = useQuery(activeAgreementsQuery());
  // The content bank is read only by those allowed to see it.
  const canReadContent = useCan('content.read');
  const idempotency = useIdempotencyKey();
  const [reused, setReused] = useState(false);
  // Several orders are often issued in a row, under the same agreement.
  const [another, setAnother] = useState(false);
  const refreshAgreements = () => queryClient.invalidateQueries({ queryKey: orderKeys.agreements() });
  const form = useApiForm({
    schema: issueSchema,
    defaultValues: {
      agreement_id: agreementId ?? '',
      agreement_line_id: '',
      quantity: '',
      subject: '',
      instructions: '',
      due_from: jakartaToday(),
      due_until: '',
      content_item_id: '',
    },
    send: (values) =>
      issueOrder(
        {
          agreement_line_id: values.agreement_line_id,
          quantity: values.quantity,
          subject: values.subject,
          instructions: values.instructions,
          due_from: values.due_from,
          due_until: values.due_until,
          // Named only when one was picked: an order need not carry content.
          ...(values.content_item_id === null ? {} : { content_item_id: values.content_item_id }),
        },
        idempotency.key,
      ),
    fieldCodes: {
      line_quota_exceeded: 'quantity',
      agreement_ceiling_exceeded: 'quantity',
      budget_exceeded: 'quantity',
      unknown_agreement_line: 'agreement_line_id',
      agreement_not_active: 'agreement_id',
      outside_agreement_period: 'agreement_id',
      company_not_active: 'agreement_id',
      press_council_not_valid: 'agreement_id',
      unknown_content_item: 'content_item_id',
    },
    limits: limits.IssueOrderRequest,
    onSuccess: (order) => {
      // The next order is another request: with this key, the server would answer with this one.
      idempotency.succeeded();
      setReused(false);
      notifySaved(t('issue.done', { number: order.number, outlet: order.outlet_name }));
      void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
      void refreshAgreements();
      if (!another) {
        onClose();
        return;
      }
      // The form starts empty again, under the same agreement line.
      form.form.setValue('agreement_id', order.agreement_id);
      form.form.setValue('agreement_line_id', order.agreement_line_id);
    },
    onError: (error) => {
      idempotency.failed(error);
      setReused(error instanceof ApiError && error.code === 'idempotency_key_reused');
      // What is left of the agreement and the budget line may have moved since they were read.
      void refreshAgreements();
    },
  });
  const { control, register, setValue } = form.form;
  const chosenAgreement = useWatch({ control, name: 'agreement_id' });
  const chosenLine = useWatch({ control, name: 'agreement_line_id' });
  const quantity = quantityOf(useWatch({ control, name: 'quantity' }));
  const agreement = agreements.data?.find((candidate) => candidate.id === chosenAgreement);
  const line = agreement?.lines.find((candidate) => candidate.id === chosenLine);
  const names = useProductNames({ versionId: agreement?.policy_version_id, year: agreement?.fiscal_year ?? 0 });
  // A second press while the order is on its way sends nothing more; a retry after it failed sends the same key.
  const guarded = {
    ...form,
    submit: (event?: BaseSyntheticEvent) => {
      if (form.pending) event?.preventDefault();
      else form.submit(event);
      return undefined;
    },
  };

  return (
    <FormDialog form={guarded} title={t('issue.title')} onClose={onClose} submitLabel={t('issue.confirm')} size="xl">
      <Text size="sm">{t('issue.explain')}</Text>
      {reused && (
        <Alert color="orange" title={t('issue.reusedTitle')}>
          <Text size="sm">{t('issue.reusedBody')}</Text>
          <Anchor component={Link} to="/orders" size="sm" onClick={onClose}>
            {t('issue.reusedLink')}
          </Anchor>
        </Alert>
      )}
      <Controller
        control={control}
        name="agreement_id"
        render={({ field }) => (
          <Select
            label={t('field.agreement')}
            description={t('hint.agreement')}
            required
            searchable
            placeholder={agreements.isPending ? t('common.loading') : undefined}
            nothingFoundMessage={t('issue.noActive')}
            data={(agreements.data ?? []).map((candidate) => ({ value: candidate.id, label: agreementName(candidate) }))}
            value={field.value || null}
            onChange={(value) => {
              field.onChange(value ?? '');
              setValue('agreement_line_id', '');
            }}
            onBlur={field.onBlur}
            ref={field.ref}
            error={form.fieldError('agreement_id') ?? (agreements.isError ? t('issue.agreementsFailed') : undefined)}
          />
        )}
      />
      {agreements.isSuccess && agreements.data.length === 0 && <Alert color="gray">{t('issue.noActiveBody')}</Alert>}
      {agreement && (
        <Controller
          control={control}
          name="agreement_line_id"
          render={({ field }) => (
            <Select
              label={t('field.line')}
              required
              allowDeselect={false}
              data={agreement.lines.map((candidate) => ({
                value: candidate.id,
                label: t('issue.lineOption', {
                  product: names.name(candidate.product),
                  available: candidate.available,
                  price: formatRupiah(candidate.agreed_price.amount),
                }),
                disabled: candidate.available === 0,
              }))}
              value={field.value || null}
              onChange={(value) => field.onChange(value ?? '')}
              onBlur={field.onBlur}
              ref={field.ref}
              error={form.fieldError('agreement_line_id')}
            />
          )}
        />
      )}
      {agreement && <Room agreement={agreement} line={line} quantity={quantity} names={names} />}
      <TextInput
        label={t('field.quantity')}
        description={line && names.unit(line.product) ? t('hint.quantityIn', { unit: names.unit(line.product) }) : undefined}
        required
        inputMode="numeric"
        w={200}
        error={form.fieldError('quantity')}
        {...register('quantity')}
      />
      <TextInput label={t('field.subject')} description={t('hint.subject')} required error={form.fieldError('subject')} {...register('subject')} />
      {canReadContent && (
        <Controller
          control={control}
          name="content_item_id"
          render={({ field }) => <ContentPicker value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={form.fieldError('content_item_id')} />}
        />
      )}
      <Textarea label={t('field.instructions')} description={t('hint.instructions')} rows={3} error={form.fieldError('instructions')} {...register('instructions')} />
      <Group grow align="flex-start">
        <TextInput label={t('field.dueFrom')} description={t('hint.dueFrom')} type="date" required error={form.fieldError('due_from')} {...register('due_from')} />
        <TextInput
          label={t('field.dueUntil')}
          description={agreement ? t('hint.dueUntil', { until: formatDay(agreement.ends_on) }) : undefined}
          type="date"
          required
          error={form.fieldError('due_until')}
          {...register('due_until')}
        />
      </Group>
      <Checkbox label={t('issue.another')} checked={another} onChange={(event) => setAnother(event.currentTarget.checked)} />
    </FormDialog>
  );
}
