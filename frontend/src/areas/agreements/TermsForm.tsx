import { Alert, Anchor, Button, Checkbox, Group, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Controller, useFieldArray, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { limits } from '../../api/limits';
import { agreementKindValues } from '../../api/schema';
import { formatRupiah, groupDigits } from '../../format';
import { useCan } from '../../auth/hooks';
import { useApiForm } from '../../hooks/useApiForm';
import { useLabel } from '../../hooks/useLabel';
import type { ProblemCode } from '../../api/types';
import { isAbove, lessOf } from './amounts';
import { budgetLineName, type Agreement, type AgreementTermsRequest, type BudgetLine } from './model';
import { digitsOf, linesValue, placeTermsError, rowValue, termsRequest, termsSchema, type ProductInfo, type TermsValues } from './terms';

export type TermsMode = 'create' | 'edit' | 'amend';

interface TermsFormProps {
  mode: TermsMode;
  /** The fiscal year of the agreement, which its period must lie in. */
  year: number;
  defaults: TermsValues;
  /** What the lines table says of each product a row may hold. */
  products: ReadonlyMap<string, ProductInfo>;
  /** The year's budget lines to charge the agreement to; an amendment keeps its own. */
  budgetLines: { data: readonly BudgetLine[] | undefined; pending: boolean; failed: boolean };
  /** For an amendment: what the agreement already reserves, which a higher ceiling tops up. */
  reserved?: string;
  send: (terms: AgreementTermsRequest, reason: string) => Promise<Agreement>;
  onSuccess: (agreement: Agreement) => void;
  onError?: (error: unknown) => void;
  onCancel: () => void;
  submitLabel: string;
  /** The form's accessible name. */
  label: string;
}

/** Problems that concern one field of the terms. */
const FIELD_CODES: Partial<Record<ProblemCode, 'ceiling' | 'budget_line_id'>> = {
  budget_line_fully_allocated: 'ceiling',
  unknown_budget_line: 'budget_line_id',
};

/** Limits whose numbers the messages of the terms' own fields say. */
const FIELD_LIMITS = { ...limits.AgreementTermsRequest, reason: limits.AmendAgreementRequest.reason };

/** The budget line charged, and whether it has room for the ceiling. */
function BudgetLineRoom({ line, ceiling, reserved }: { line: BudgetLine; ceiling: string | null; reserved?: string }) {
  const { t } = useTranslation('agreements');
  const canReadBudget = useCan('budget.read');
  // A draft reserves its whole ceiling when signed; an amendment only what it adds.
  const needed = ceiling === null ? null : reserved === undefined ? ceiling : lessOf(ceiling, reserved);
  const short = needed !== null && isAbove(needed, line.unallocated.amount);
  return (
    <Stack gap={4}>
      <Text size="sm" aria-live="polite">
        {t('terms.budgetRoom', { unallocated: formatRupiah(line.unallocated.amount), remaining: formatRupiah(line.remaining.amount) })}{' '}
        {canReadBudget && (
          // In a new tab, so that the terms typed so far stay.
          <Anchor href={`/budget/${line.id}`} size="sm" target="_blank" rel="noopener">
            {t('terms.openBudgetLine')}
          </Anchor>
        )}
      </Text>
      {short && (
        <Alert color="orange" role="status" title={t('terms.budgetShortTitle')}>
          {t(reserved === undefined ? 'terms.budgetShort' : 'terms.budgetShortAmend', {
            needed: formatRupiah(needed),
            unallocated: formatRupiah(line.unallocated.amount),
          })}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * The terms of an agreement in one form: its kind, title, budget line and period, a row for every
 * product the rate card prices for the outlet (bought or not, with the rate card's highest price
 * beside it), and the ceiling, which follows the bought rows' quotas at their agreed prices until
 * it is typed.
 */
export function TermsForm(props: TermsFormProps) {
  const { mode, year, defaults, products, budgetLines, reserved, send, onSuccess, onError, onCancel, submitLabel, label: formLabel } = props;
  const { t } = useTranslation('agreements');
  const label = useLabel();
  // The server names a line by its place among those sent; this is the row each came from.
  const sentRows = useRef<number[]>([]);
  const form = useApiForm({
    schema: termsSchema(year, { amend: mode === 'amend' }),
    defaultValues: defaults,
    send: (values) => {
      const { terms, rows } = termsRequest(values);
      sentRows.current = rows;
      return send(terms, values.reason);
    },
    placeFieldError: (field) => placeTermsError(field, sentRows.current),
    fieldCodes: FIELD_CODES,
    limits: FIELD_LIMITS,
    onSuccess,
    onError,
  });
  const { control, register, setValue, formState } = form.form;
  const rows = useFieldArray({ control, name: 'lines' });
  const lines = useWatch({ control, name: 'lines' });
  const kind = useWatch({ control, name: 'kind' });
  const budgetLineId = useWatch({ control, name: 'budget_line_id' });
  const ceilingText = useWatch({ control, name: 'ceiling' });
  const total = linesValue(lines);
  // The ceiling follows the lines until it is typed; one that already equals them keeps following.
  const [follows, setFollows] = useState(() => digitsOf(defaults.ceiling) === linesValue(defaults.lines) || defaults.ceiling === '');
  useEffect(() => {
    if (follows && digitsOf(ceilingText) !== total) setValue('ceiling', total === '0' ? '' : groupDigits(total));
  }, [follows, total, ceilingText, setValue]);
  const budgetLine = budgetLines.data?.find((line) => line.id === budgetLineId);
  const linesError = formState.errors.lines;
  const linesMessage = linesError?.message ?? linesError?.root?.message;

  const productName = (code: string) => {
    const product = products.get(code)?.product;
    return product ? label(product.label) : code;
  };

  return (
    <form noValidate onSubmit={form.submit} aria-label={formLabel}>
      <Stack>
        {form.formError && (
          <Alert color="red" role="alert">
            {form.formError}
          </Alert>
        )}
        <Group grow align="flex-start">
          <Controller
            control={control}
            name="kind"
            render={({ field }) => (
              <Select
                label={t('field.kind')}
                required
                allowDeselect={false}
                disabled={mode === 'amend'}
                description={mode === 'amend' ? t('terms.keptByAmendment') : undefined}
                data={agreementKindValues.map((value) => ({ value, label: t(`kind.${value}`) }))}
                value={field.value}
                onChange={(value) => {
                  if (value) field.onChange(value);
                }}
                error={form.fieldError('kind')}
              />
            )}
          />
          {kind === 'e_catalogue' ? (
            <TextInput
              label={t('field.externalOrderId')}
              description={t('hint.externalOrderId')}
              required
              autoComplete="off"
              error={form.fieldError('external_order_id')}
              {...register('external_order_id')}
            />
          ) : (
            <div />
          )}
        </Group>
        <TextInput label={t('field.title')} description={t('hint.title')} required error={form.fieldError('title')} {...register('title')} />
        <Controller
          control={control}
          name="budget_line_id"
          render={({ field }) => (
            <Select
              label={t('field.budgetLine')}
              description={mode === 'amend' ? t('terms.keptByAmendment') : t('hint.budgetLine', { year })}
              required
              searchable
              disabled={mode === 'amend'}
              placeholder={budgetLines.pending ? t('common.loading') : undefined}
              nothingFoundMessage={t('terms.noBudgetLines', { year })}
              data={(budgetLines.data ?? []).map((line) => ({ value: line.id, label: budgetLineName(line) }))}
              renderOption={({ option }) => {
                const line = budgetLines.data?.find((candidate) => candidate.id === option.value);
                return (
                  <div>
                    <Text size="sm">{option.label}</Text>
                    {line && (
                      <Text size="xs" c="dimmed">
                        {t('terms.budgetRoom', { unallocated: formatRupiah(line.unallocated.amount), remaining: formatRupiah(line.remaining.amount) })}
                      </Text>
                    )}
                  </div>
                );
              }}
              value={field.value || null}
              onChange={(value) => field.onChange(value ?? '')}
              onBlur={field.onBlur}
              ref={field.ref}
              error={form.fieldError('budget_line_id') ?? (budgetLines.failed ? t('terms.budgetLinesFailed') : undefined)}
            />
          )}
        />
        {budgetLine && <BudgetLineRoom line={budgetLine} ceiling={digitsOf(ceilingText)} reserved={reserved} />}
        <Group grow align="flex-start">
          <TextInput label={t('field.startsOn')} type="date" required error={form.fieldError('starts_on')} {...register('starts_on')} />
          <TextInput label={t('field.endsOn')} description={t('hint.endsOn', { year })} type="date" required error={form.fieldError('ends_on')} {...register('ends_on')} />
        </Group>

        <Stack gap={4}>
          <Text fw={500} size="sm" id="agreement-lines">
            {t('terms.linesTitle')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('terms.linesHint')}
          </Text>
          {linesMessage && (
            <Text size="sm" c="red" role="alert">
              {t(linesMessage)}
            </Text>
          )}
        </Stack>
        {rows.fields.length === 0 ? (
          <Alert color="orange">{t('terms.noRates')}</Alert>
        ) : (
          <Table.ScrollContainer minWidth={1180}>
            <Table aria-labelledby="agreement-lines" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={60}>{t('lines.bought')}</Table.Th>
                  <Table.Th>{t('lines.product')}</Table.Th>
                  <Table.Th ta="right">{t('lines.rateMax')}</Table.Th>
                  <Table.Th w={100}>{t('lines.quota')}</Table.Th>
                  <Table.Th w={150}>{t('lines.offered')}</Table.Th>
                  <Table.Th w={150}>{t('lines.reference')}</Table.Th>
                  <Table.Th w={150}>{t('lines.agreed')}</Table.Th>
                  <Table.Th ta="right">{t('lines.value')}</Table.Th>
                  <Table.Th w={200}>{t('lines.note')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.fields.map((row, index) => {
                  const name = productName(row.product);
                  const info = products.get(row.product);
                  const current = lines[index];
                  const included = current?.included ?? row.included;
                  const value = current && included ? rowValue(current) : null;
                  const productError = form.fieldError(`lines.${index}.product`);
                  const price = (field: 'offered_price' | 'reference_price' | 'agreed_price', title: string) => (
                    <TextInput
                      size="xs"
                      inputMode="numeric"
                      aria-label={t('lines.fieldOf', { field: title, product: name })}
                      leftSection={<Text size="xs">Rp</Text>}
                      styles={{ input: { textAlign: 'right' } }}
                      error={form.fieldError(`lines.${index}.${field}`)}
                      {...register(`lines.${index}.${field}`)}
                    />
                  );
                  return (
                    <Table.Tr key={row.id} style={included ? undefined : { opacity: 0.65 }}>
                      <Table.Td>
                        <Controller
                          control={control}
                          name={`lines.${index}.included`}
                          render={({ field }) => (
                            <Checkbox
                              aria-label={t('lines.buy', { product: name })}
                              checked={field.value}
                              onChange={(event) => field.onChange(event.currentTarget.checked)}
                              onBlur={field.onBlur}
                              ref={field.ref}
                            />
                          )}
                        />
                      </Table.Td>
                      <Table.Td miw={180}>
                        <Text size="sm" fw={500}>
                          {name}
                        </Text>
                        {info?.product && (
                          <Text size="xs" c="dimmed">
                            {t('lines.perUnit', { unit: label(info.product.unit) })}
                            {info.taxInclusive ? ` · ${t('lines.taxInclusive')}` : ''}
                          </Text>
                        )}
                        {info && (
                          <Text size="xs" c="dimmed">
                            {info.legalBasis}
                          </Text>
                        )}
                        {productError && (
                          <Text size="xs" c="red">
                            {productError}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {row.rate_max === '' ? t('lines.noRate') : formatRupiah(row.rate_max)}
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          inputMode="numeric"
                          aria-label={t('lines.fieldOf', { field: t('lines.quota'), product: name })}
                          error={form.fieldError(`lines.${index}.quota`)}
                          {...register(`lines.${index}.quota`, {
                            // Typing a quota buys the product.
                            onChange: (event: { target: { value: string } }) => {
                              if (event.target.value.trim() !== '' && !included) setValue(`lines.${index}.included`, true);
                            },
                          })}
                        />
                      </Table.Td>
                      <Table.Td>{price('offered_price', t('lines.offered'))}</Table.Td>
                      <Table.Td>{price('reference_price', t('lines.reference'))}</Table.Td>
                      <Table.Td>{price('agreed_price', t('lines.agreed'))}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {value === null ? t('common.none') : formatRupiah(value)}
                      </Table.Td>
                      <Table.Td>
                        <Textarea
                          size="xs"
                          rows={1}
                          aria-label={t('lines.fieldOf', { field: t('lines.note'), product: name })}
                          error={form.fieldError(`lines.${index}.negotiation_note`)}
                          {...register(`lines.${index}.negotiation_note`)}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}

        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('field.ceiling')}
            description={t('hint.ceiling', { total: formatRupiah(total) })}
            required
            inputMode="numeric"
            leftSection={<Text size="sm">Rp</Text>}
            w={320}
            error={form.fieldError('ceiling')}
            {...register('ceiling', { onChange: () => setFollows(false) })}
          />
          {!follows && (
            <Button variant="subtle" onClick={() => setFollows(true)}>
              {t('terms.followLines')}
            </Button>
          )}
        </Group>

        {mode === 'amend' && (
          <Textarea
            label={t('field.amendReason')}
            description={t('hint.amendReason')}
            required
            rows={3}
            error={form.fieldError('reason')}
            {...register('reason')}
          />
        )}

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
