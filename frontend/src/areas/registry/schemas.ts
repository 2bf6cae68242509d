import { z } from 'zod';
import { limits } from '../../api/limits';
import { rupiah, wholeRupiah } from '../../api/money';
import {
  companyStatusValues,
  competenceLevelValues,
  legalFormValues,
  mediaTypeValues,
  newsroomRoleValues,
  outletScaleValues,
  periodicityValues,
  pressCouncilStatusValues,
} from '../../api/schema';
import type { CompanyRequest, MediaType, OutletRequest, Rupiah } from '../../api/types';
import { jakartaToday } from '../../format';

// Lengths, patterns and ranges are the server's, from the spec. Messages are i18n keys, translated
// where they are shown (with the field's limits as {{min}} and {{max}}); this area's own carry its
// namespace (`registry:`) so that the shared form hook finds them. Optional fields left empty are
// sent as null, which the server reads as "not recorded".

interface Length {
  minLength?: number;
  maxLength: number;
}

/** Text that must be given, within the server's lengths. */
function requiredText(limit: Length) {
  return z
    .string()
    .trim()
    .nonempty('fieldError.required')
    .min(limit.minLength ?? 1, 'registry:validation.length')
    .max(limit.maxLength, 'registry:validation.length');
}

/** Text that may be left empty (sent as null), at most the server's length. */
function optionalText(limit: Length) {
  return z
    .string()
    .trim()
    .max(limit.maxLength, 'registry:validation.maxLength')
    .transform((value) => (value === '' ? null : value));
}

/** A calendar day from a date input; empty means none. */
const day = z
  .string()
  .trim()
  .transform((value) => (value === '' ? null : value));

/** A day that has already come in Jakarta (a check, a first edition); empty means none. */
const pastDay = day.refine((value) => value === null || value <= jakartaToday(), 'registry:validation.future');

/** "180.000" or "180000" as a whole number; null when it is not one. */
export function wholeNumber(text: string): number | null {
  const bare = text.trim().replace(/\s/g, '');
  const digits = /^\d{1,3}(?:\.\d{3})+$/.test(bare) ? bare.replaceAll('.', '') : bare;
  return /^\d{1,15}$/.test(digits) ? Number(digits) : null;
}

/** A count that may be left empty, within the server's range. */
function optionalCount(limit: { minimum: number; maximum: number }) {
  return z
    .string()
    .trim()
    .transform((text, context) => {
      if (text === '') return null;
      const count = wholeNumber(text);
      if (count === null) {
        context.addIssue({ code: 'custom', message: 'registry:validation.wholeNumber' });
        return z.NEVER;
      }
      if (count < limit.minimum || count > limit.maximum) {
        context.addIssue({ code: 'custom', message: 'registry:validation.range' });
        return z.NEVER;
      }
      return count;
    });
}

/** An amount of whole rupiah that may be left empty. */
const optionalRupiah = z
  .string()
  .trim()
  .transform((text, context): Rupiah | null => {
    if (text === '') return null;
    const amount = wholeRupiah(text);
    if (amount === null) {
      context.addIssue({ code: 'custom', message: 'validation.wholeRupiah' });
      return z.NEVER;
    }
    return rupiah(amount);
  });

/** Known, yes or no: a fact the registry may not have recorded yet. */
export const TRISTATE = ['unknown', 'yes', 'no'] as const;
const tristate = z.enum(TRISTATE).transform((value) => (value === 'unknown' ? null : value === 'yes'));

export function tristateOf(value: boolean | null): (typeof TRISTATE)[number] {
  return value === null ? 'unknown' : value ? 'yes' : 'no';
}

/** Membership of a Press Council constituent: not recorded, recorded as none, or one named. */
export const MEMBERSHIP = ['unknown', 'none', 'member'] as const;

const company = limits.CompanyRequest;

/** The server's shape rule for an address; the mail server is the real judge. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

export const companySchema = z
  .object({
    legal_name: requiredText(company.legal_name),
    legal_form: z.enum(legalFormValues, { error: 'fieldError.required' }),
    // 16 digits, or the old 15 with or without their dots and dash; the server stores 16.
    npwp: z
      .string()
      .trim()
      .nonempty('fieldError.required')
      .max(company.npwp.maxLength, 'registry:validation.npwp')
      .regex(company.npwp.pattern, 'registry:validation.npwp')
      .refine((text) => [15, 16].includes(text.replace(/\D/g, '').length), 'registry:validation.npwp'),
    deed_number: optionalText(company.deed_number),
    deed_date: pastDay,
    ahu_number: optionalText(company.ahu_number),
    ahu_date: pastDay,
    nib: optionalText(company.nib),
    vat_registered_since: pastDay,
    address: optionalText(company.address),
    phone: optionalText(company.phone),
    email: optionalText(company.email).refine((value) => value === null || EMAIL.test(value), 'registry:validation.email'),
    website: optionalText(company.website),
    staff_count: optionalCount(company.staff_count),
    paid_up_capital: optionalRupiah,
    local_office: tristate,
    association_state: z.enum(MEMBERSHIP),
    association: z.string().trim().max(company.association.maxLength, 'registry:validation.maxLength'),
  })
  .refine((values) => values.association_state !== 'member' || values.association !== '', {
    path: ['association'],
    message: 'registry:validation.associationName',
  });

export type CompanyValues = z.output<typeof companySchema>;

/** The request for a checked company form: the association's state and name make one field. */
export function companyRequest(values: CompanyValues): CompanyRequest {
  const { association_state: membership, association, ...profile } = values;
  return {
    ...profile,
    association: membership === 'unknown' ? null : membership === 'none' ? '' : association,
  };
}

export const statusSchema = z
  .object({
    status: z.enum(companyStatusValues, { error: 'fieldError.required' }),
    reason: optionalText(limits.StatusRequest.reason),
  })
  .refine((decision) => decision.status === 'active' || decision.reason !== null, {
    path: ['reason'],
    message: 'registry:validation.reasonRequired',
  });

const outlet = limits.OutletRequest;

export const outletSchema = z.object({
  media_type: z.enum(mediaTypeValues, { error: 'fieldError.required' }),
  name: requiredText(outlet.name),
  scale: z.enum(outletScaleValues, { error: 'fieldError.required' }),
  periodicity: z.enum(periodicityValues, { error: 'fieldError.required' }),
  url: optionalText(outlet.url),
  first_published: pastDay,
  frequency: optionalText(outlet.frequency),
  circulation: optionalCount(outlet.circulation),
  monthly_visitors: optionalCount(outlet.monthly_visitors),
  claims_evidence: optionalText(outlet.claims_evidence),
  broadcast_licence: optionalText(outlet.broadcast_licence),
  broadcast_licence_until: day,
});

export type OutletValues = z.output<typeof outletSchema>;

const BROADCAST: readonly MediaType[] = ['tv', 'radio'];

/** Which of an outlet's claims its media type has: a station's frequency, a paper's copies, a site's visits. */
export function claimsOf(mediaType: MediaType | undefined) {
  const broadcast = mediaType !== undefined && BROADCAST.includes(mediaType);
  return { frequency: broadcast, licence: broadcast, circulation: mediaType === 'print', visitors: mediaType === 'online' };
}

/**
 * The request for a checked outlet form. A claim its media type does not have is sent as none,
 * so that an outlet whose type was corrected keeps no hidden figure from its former type.
 */
export function outletRequest(companyId: string, values: OutletValues): OutletRequest {
  const has = claimsOf(values.media_type);
  return {
    ...values,
    company_id: companyId,
    frequency: has.frequency ? values.frequency : null,
    broadcast_licence: has.licence ? values.broadcast_licence : null,
    broadcast_licence_until: has.licence ? values.broadcast_licence_until : null,
    circulation: has.circulation ? values.circulation : null,
    monthly_visitors: has.visitors ? values.monthly_visitors : null,
  };
}

const person = limits.NewPersonRequest;

const personDetails = {
  full_name: requiredText(person.full_name),
  role: z.enum(newsroomRoleValues, { error: 'fieldError.required' }),
  competence_level: z.enum(competenceLevelValues).nullable(),
  competence_certificate: optionalText(person.competence_certificate),
  competence_date: pastDay,
};

export const personSchema = z.object(personDetails);

/** A new person also gives the NIK, 16 digits, which is never shown again but for its last four. */
export const newPersonSchema = z.object({
  ...personDetails,
  nik: z
    .string()
    .transform((text) => text.replace(/[\s.-]/g, ''))
    .pipe(z.string().nonempty('fieldError.required').regex(person.nik.pattern, 'registry:validation.nik')),
});

const check = limits.PressCouncilCheckRequest;

const checkFields = z.object({
  status: z.enum(pressCouncilStatusValues, { error: 'fieldError.required' }),
  certificate_number: optionalText(check.certificate_number),
  certificate_date: pastDay,
  valid_until: day,
  checked_on: pastDay,
  evidence: requiredText(check.evidence),
});

const certificateDates = checkFields.pick({ certificate_date: true, valid_until: true });

export const pressCouncilSchema = checkFields.refine(
  (values) => !values.certificate_date || !values.valid_until || values.valid_until >= values.certificate_date,
  {
    path: ['valid_until'],
    message: 'registry:validation.endsBeforeStart',
    when: (payload) => certificateDates.safeParse(payload.value).success,
  },
);

const account = limits.BankAccountRequest;

export const bankAccountSchema = z.object({
  bank_name: requiredText(account.bank_name),
  account_number: z
    .string()
    .trim()
    .nonempty('fieldError.required')
    .min(account.account_number.minLength, 'registry:validation.length')
    .max(account.account_number.maxLength, 'registry:validation.length')
    .regex(account.account_number.pattern, 'registry:validation.accountNumber'),
  holder_name: requiredText(account.holder_name),
});
