import type { Path } from 'react-hook-form';
import { z } from 'zod';
import { limits } from '../../api/limits';
import { rupiah, wholeRupiah } from '../../api/money';
import { agreementKindValues } from '../../api/schema';
import type { MediaType, Policy, Product, Rate } from '../../api/types';
import { groupDigits } from '../../format';
import { isAbove, sumOf, timesOf } from './amounts';
import type { Agreement, AgreementKind, AgreementTermsRequest } from './model';

// The terms of an agreement as its form holds them: drafted from an application, edited as a
// draft, or amended. Lengths and ranges come from the spec; messages are i18n keys, this area's
// own carrying its namespace (`agreements:`) so that the shared form hook finds them.

/**
 * One product the agreement may buy, as a row of the lines table: every product the rate card
 * prices for the outlet's media type and tier, bought or not. Amounts are as typed ("1.500.000").
 */
export interface LineRow {
  /** Whether the agreement buys the product; only the rows bought are sent. */
  included: boolean;
  product: string;
  /** The rate card's highest price for it (digits), or '' when the rate card has none. */
  rate_max: string;
  quota: string;
  offered_price: string;
  reference_price: string;
  agreed_price: string;
  negotiation_note: string;
}

export interface TermsValues {
  kind: AgreementKind;
  /** Why an active agreement is amended; unused otherwise. */
  reason: string;
  title: string;
  external_order_id: string;
  budget_line_id: string;
  starts_on: string;
  ends_on: string;
  ceiling: string;
  lines: LineRow[];
}

const lineLimits = limits.AgreementLineRequest;
const termsLimits = limits.AgreementTermsRequest;

/** An amount as typed, as the API's digits; null when it is not whole rupiah. */
export function digitsOf(text: string): string | null {
  return wholeRupiah(text);
}

/** A quota as typed, or null when it is not a whole number the server takes. */
export function quotaOf(text: string): number | null {
  const trimmed = text.trim().replace(/\./g, '');
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  const quota = Number(trimmed);
  return quota >= lineLimits.quota.minimum && quota <= lineLimits.quota.maximum ? quota : null;
}

/** What a row is worth: its quota at its agreed price, or null while either is not readable. */
export function rowValue(row: Pick<LineRow, 'quota' | 'agreed_price'>): string | null {
  const quota = quotaOf(row.quota);
  const agreed = digitsOf(row.agreed_price);
  return quota === null || agreed === null ? null : timesOf(quota, agreed);
}

/** What the bought rows are worth together: the highest ceiling the server accepts. */
export function linesValue(rows: readonly LineRow[]): string {
  return sumOf(rows.filter((row) => row.included).map((row) => rowValue(row) ?? '0'));
}

const day = /^\d{4}-\d{2}-\d{2}$/;

const lineRow = z
  .object({
    included: z.boolean(),
    product: z.string(),
    rate_max: z.string(),
    quota: z.string(),
    offered_price: z.string(),
    reference_price: z.string(),
    agreed_price: z.string(),
    negotiation_note: z.string(),
  })
  .superRefine((row, context) => {
    if (!row.included) return;
    const issue = (field: keyof LineRow, message: string) => context.addIssue({ code: 'custom', path: [field], message });
    if (quotaOf(row.quota) === null) issue('quota', 'agreements:validation.quota');
    const offered = digitsOf(row.offered_price);
    const reference = digitsOf(row.reference_price);
    const agreed = digitsOf(row.agreed_price);
    if (offered === null) issue('offered_price', 'validation.wholeRupiah');
    if (reference === null) issue('reference_price', 'validation.wholeRupiah');
    else if (reference === '0') issue('reference_price', 'agreements:validation.aboveZero');
    if (agreed === null) issue('agreed_price', 'validation.wholeRupiah');
    else if (agreed === '0') issue('agreed_price', 'agreements:validation.aboveZero');
    else if (offered !== null && isAbove(agreed, offered)) issue('agreed_price', 'agreements:validation.agreedAboveOffered');
    else if (row.rate_max !== '' && isAbove(agreed, row.rate_max)) issue('agreed_price', 'agreements:validation.agreedAboveRate');
    if (row.negotiation_note.trim().length > lineLimits.negotiation_note.maxLength) issue('negotiation_note', 'agreements:validation.maxLength');
  });

function termsShape(year: number) {
  const inYear = z
    .string()
    .trim()
    .regex(day, 'fieldError.required')
    .refine((value) => value.startsWith(`${year}-`), 'agreements:validation.outsideYear');
  return {
    kind: z.enum(agreementKindValues, { error: 'fieldError.required' }),
    title: z
      .string()
      .trim()
      .min(termsLimits.title.minLength, 'agreements:validation.minLength')
      .max(termsLimits.title.maxLength, 'agreements:validation.maxLength'),
    external_order_id: z.string().trim().max(termsLimits.external_order_id.maxLength, 'agreements:validation.maxLength'),
    budget_line_id: z.string({ error: 'fieldError.required' }).nonempty('fieldError.required'),
    starts_on: inYear,
    ends_on: inYear,
    ceiling: z
      .string()
      .trim()
      .nonempty('fieldError.required')
      .refine((text) => digitsOf(text) !== null, 'validation.wholeRupiah')
      .refine((text) => digitsOf(text) !== '0', 'agreements:validation.aboveZero'),
    lines: z.array(lineRow),
  };
}

/** What the terms must hold together: judged once each field is readable on its own. */
function judgeTogether(values: Omit<TermsValues, 'reason'>, context: z.RefinementCtx) {
  if (values.ends_on < values.starts_on) context.addIssue({ code: 'custom', path: ['ends_on'], message: 'agreements:validation.endsBeforeStart' });
  if (values.kind === 'e_catalogue' && values.external_order_id.length < termsLimits.external_order_id.minLength) {
    context.addIssue({ code: 'custom', path: ['external_order_id'], message: 'agreements:validation.externalOrderId' });
  }
  if (!values.lines.some((row) => row.included)) {
    context.addIssue({ code: 'custom', path: ['lines'], message: 'agreements:validation.noLines' });
    return;
  }
  const ceiling = digitsOf(values.ceiling);
  if (ceiling !== null && isAbove(ceiling, linesValue(values.lines))) {
    context.addIssue({ code: 'custom', path: ['ceiling'], message: 'agreements:validation.ceilingAboveLines' });
  }
}

const amendReason = limits.AmendAgreementRequest.reason;

/**
 * The terms of an agreement of fiscal year `year`: drafted, edited as a draft, or, with `amend`,
 * amended, which also asks for the addendum's grounds.
 */
export function termsSchema(year: number, { amend }: { amend: boolean }) {
  return z
    .object({
      ...termsShape(year),
      reason: z
        .string()
        .trim()
        .refine((text) => !amend || text.length >= amendReason.minLength, 'agreements:validation.minLength')
        .refine((text) => !amend || text.length <= amendReason.maxLength, 'agreements:validation.maxLength'),
    })
    .superRefine(judgeTogether);
}

/** The products of the rate card for an outlet's media type and tier, in the policy's order. */
export function ratesFor(policy: Policy, media: MediaType, tier: string): { rate: Rate; product: Product | undefined }[] {
  const order = (code: string) => {
    const at = policy.products.findIndex((product) => product.code === code);
    return at === -1 ? policy.products.length : at;
  };
  return policy.rate_card
    .filter((rate) => rate.media_type === media && rate.tier === tier)
    .sort((a, b) => order(a.product) - order(b.product))
    .map((rate) => ({ rate, product: policy.products.find((product) => product.code === rate.product) }));
}

/** A row for a product the rate card prices: its highest price offered, referred to and agreed until negotiated. */
export function rowFromRate(rate: Rate, included: boolean): LineRow {
  const max = groupDigits(rate.max_unit_price.amount);
  return {
    included,
    product: rate.product,
    rate_max: rate.max_unit_price.amount,
    quota: '',
    offered_price: max,
    reference_price: max,
    agreed_price: max,
    negotiation_note: '',
  };
}

/**
 * The rows of an agreement's terms as they stand: its lines, then the other products the rate
 * card prices for it, not bought, so that an edit or an amendment can add them.
 */
export function rowsFromAgreement(agreement: Agreement, rates: readonly Rate[]): LineRow[] {
  const bought = agreement.lines.map(
    (line): LineRow => ({
      included: true,
      product: line.product,
      rate_max: rates.find((rate) => rate.product === line.product)?.max_unit_price.amount ?? line.rate_max.amount,
      quota: String(line.quota),
      offered_price: groupDigits(line.offered_price.amount),
      reference_price: groupDigits(line.reference_price.amount),
      agreed_price: groupDigits(line.agreed_price.amount),
      negotiation_note: line.negotiation_note ?? '',
    }),
  );
  const others = rates.filter((rate) => !agreement.lines.some((line) => line.product === rate.product)).map((rate) => rowFromRate(rate, false));
  return [...bought, ...others];
}

/** The form's values of an agreement's terms as they stand. */
export function valuesFromAgreement(agreement: Agreement, rates: readonly Rate[]): TermsValues {
  return {
    kind: agreement.kind,
    title: agreement.title,
    external_order_id: agreement.external_order_id ?? '',
    budget_line_id: agreement.budget_line.id,
    starts_on: agreement.starts_on,
    ends_on: agreement.ends_on,
    ceiling: groupDigits(agreement.ceiling.amount),
    lines: rowsFromAgreement(agreement, rates),
    reason: '',
  };
}

/**
 * The terms as the API takes them, and which form row each line sent came from: the server names
 * a line by its place in what was sent (`lines[0]`), which skips the rows not bought.
 */
export function termsRequest(values: TermsValues): { terms: AgreementTermsRequest; rows: number[] } {
  const amount = (text: string) => rupiah(digitsOf(text) ?? '0');
  const bought = values.lines.flatMap((row, index) => (row.included ? [{ row, index }] : []));
  return {
    rows: bought.map(({ index }) => index),
    terms: {
      kind: values.kind,
      title: values.title.trim(),
      external_order_id: values.kind === 'e_catalogue' ? values.external_order_id.trim() : null,
      budget_line_id: values.budget_line_id,
      starts_on: values.starts_on,
      ends_on: values.ends_on,
      ceiling: amount(values.ceiling),
      lines: bought.map(({ row }) => {
        const note = row.negotiation_note.trim();
        return {
          product: row.product,
          quota: quotaOf(row.quota) ?? 0,
          offered_price: amount(row.offered_price),
          reference_price: amount(row.reference_price),
          agreed_price: amount(row.agreed_price),
          negotiation_note: note === '' ? null : note,
        };
      }),
    },
  };
}

const LINE_FIELDS: ReadonlySet<string> = new Set(['product', 'quota', 'offered_price', 'reference_price', 'agreed_price', 'negotiation_note']);
const TERMS_FIELDS: ReadonlySet<string> = new Set(['kind', 'title', 'external_order_id', 'budget_line_id', 'starts_on', 'ends_on']);

/**
 * Where a server field error lands in the form: `terms.lines[0].agreed_price` (or, editing a draft,
 * `lines[0].agreed_price`) on the agreed price of the row that line was sent from, `terms.ceiling`
 * on the ceiling. Anything else is left to the form's message.
 */
export function placeTermsError(field: string, sentRows: readonly number[]): Path<TermsValues> | undefined {
  const path = field.replace(/^terms\./, '');
  const line = /^lines\[(\d+)\](?:\.([a-z_]+))?/.exec(path);
  if (line) {
    const row = sentRows[Number(line[1])];
    if (row === undefined) return 'lines';
    const name = line[2] ?? 'quota';
    return `lines.${row}.${LINE_FIELDS.has(name) ? name : 'quota'}` as Path<TermsValues>;
  }
  if (path === 'lines') return 'lines';
  if (path.startsWith('ceiling')) return 'ceiling';
  if (TERMS_FIELDS.has(path)) return path as Path<TermsValues>;
  return undefined;
}

/** What the lines table says of a product beside its figures. */
export interface ProductInfo {
  product: Product | undefined;
  legalBasis: string;
  taxInclusive: boolean;
}

/** What the lines table says of each product: from the rate card, or, for a line it no longer prices, from the line. */
export function productInfo(rates: readonly { rate: Rate; product: Product | undefined }[], policy: Policy | undefined, agreement?: Agreement): Map<string, ProductInfo> {
  const info = new Map<string, ProductInfo>();
  for (const line of agreement?.lines ?? []) {
    info.set(line.product, {
      product: policy?.products.find((product) => product.code === line.product),
      legalBasis: line.legal_basis,
      taxInclusive: line.tax_inclusive,
    });
  }
  for (const { rate, product } of rates) {
    if (!info.has(rate.product)) info.set(rate.product, { product, legalBasis: rate.legal_basis, taxInclusive: rate.tax_inclusive });
  }
  return info;
}
