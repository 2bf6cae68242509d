import type { TFunction } from 'i18next';
import type { RuleOutcome } from '../api/types';
import { formatDay, formatRupiah, groupDigits, hasExpired } from '../format';

// A judgement's evidence is JSON whose shape depends on the rule's kind (the spec leaves it
// untyped). Each known shape is put in words; anything else, such as a key a newer server adds,
// is still shown, as its keys and values, rather than hidden.

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function amount(value: unknown): string | undefined {
  return isRecord(value) ? text(value.amount) : undefined;
}

/** Evidence of a shape this build does not know, as `key: value` pairs. */
function raw(value: unknown): string {
  if (!isRecord(value)) return JSON.stringify(value);
  return Object.entries(value)
    .map(([key, item]) => `${key}: ${typeof item === 'string' ? item : JSON.stringify(item)}`)
    .join('; ');
}

/** "PT, Yayasan, atau Koperasi": the accepted choices, as the reader's language lists them. */
function anyOf(t: TFunction, language: string, items: string[]): string {
  try {
    return new Intl.ListFormat(language, { type: 'disjunction' }).format(items);
  } catch {
    return items.join(t('ruleOutcome.listSeparator'));
  }
}

/** What the policy asks by this rule, in words. */
export function describeExpected(t: TFunction, language: string, outcome: RuleOutcome): string {
  const expected = outcome.expected;
  if (!isRecord(expected)) return raw(expected);
  switch (outcome.kind) {
    case 'legal_form_accepted': {
      const accepted = Array.isArray(expected.accepted) ? expected.accepted.flatMap((form) => text(form) ?? []) : undefined;
      if (!accepted) break;
      return t('ruleOutcome.expected.legal_form_accepted', { forms: anyOf(t, language, accepted.map((form) => t(`legalForm.${form}`))) });
    }
    case 'press_council_at_least': {
      const minimum = text(expected.minimum);
      if (minimum === undefined) break;
      return t('ruleOutcome.expected.press_council_at_least', { status: t(`pressCouncilStatus.${minimum}`) });
    }
    case 'editor_competence_at_least': {
      const level = text(expected.level);
      if (level === undefined) break;
      return t('ruleOutcome.expected.editor_competence_at_least', { level: t(`competenceLevel.${level}`) });
    }
    case 'staff_at_least': {
      const staff = count(expected.count);
      if (staff === undefined) break;
      return t('ruleOutcome.expected.staff_at_least', { count: staff });
    }
    case 'active_for_months': {
      const months = count(expected.months);
      if (months === undefined) break;
      return t('ruleOutcome.expected.active_for_months', { count: months });
    }
    case 'paid_up_capital_at_least': {
      const capital = amount(expected.amount);
      if (capital === undefined) break;
      return t('ruleOutcome.expected.paid_up_capital_at_least', { amount: formatRupiah(capital) });
    }
    case 'broadcast_licence':
    case 'local_office':
    case 'association_member':
      return t(`ruleOutcome.expected.${outcome.kind}`);
  }
  return raw(expected);
}

/** A standing's or a licence's end, or that it has none. */
function until(t: TFunction, day: unknown): string {
  const end = text(day);
  if (end === undefined) return t('ruleOutcome.found.noEnd');
  return hasExpired(end) ? t('ruleOutcome.found.endedOn', { day: formatDay(end) }) : t('ruleOutcome.found.until', { day: formatDay(end) });
}

/** What the registry holds for this rule, in words; nothing recorded says so. */
export function describeFound(t: TFunction, outcome: RuleOutcome): string {
  const found = outcome.found;
  if (found === null || found === undefined) return t('ruleOutcome.found.nothing');
  if (!isRecord(found)) return raw(found);
  switch (outcome.kind) {
    case 'legal_form_accepted': {
      const form = text(found.legal_form);
      if (form === undefined) break;
      return t(`legalForm.${form}`);
    }
    case 'press_council_at_least': {
      const status = text(found.status);
      if (status === undefined) break;
      return t('ruleOutcome.found.dated', { what: t(`pressCouncilStatus.${status}`), until: until(t, found.valid_until) });
    }
    case 'editor_competence_at_least': {
      const level = text(found.level);
      if (level === undefined) break;
      return t('ruleOutcome.found.editor', { level: t(`competenceLevel.${level}`) });
    }
    case 'staff_at_least': {
      const staff = count(found.count);
      if (staff === undefined) break;
      return t('ruleOutcome.found.staff', { count: staff, grouped: groupDigits(String(staff)) });
    }
    case 'active_for_months': {
      const first = text(found.first_published);
      const months = count(found.months);
      if (first === undefined || months === undefined) break;
      return t('ruleOutcome.found.active', { day: formatDay(first), count: months });
    }
    case 'paid_up_capital_at_least': {
      const capital = amount(found.amount);
      if (capital === undefined) break;
      return formatRupiah(capital);
    }
    case 'broadcast_licence': {
      const number = text(found.number);
      if (number === undefined) break;
      return t('ruleOutcome.found.dated', { what: number, until: until(t, found.valid_until) });
    }
    case 'local_office': {
      if (typeof found.local_office !== 'boolean') break;
      return t(`ruleOutcome.found.localOffice.${found.local_office ? 'yes' : 'no'}`);
    }
    case 'association_member': {
      const association = text(found.association);
      if (association === undefined) break;
      return association.trim() === '' ? t('ruleOutcome.found.noAssociation') : t('ruleOutcome.found.association', { name: association });
    }
  }
  return raw(found);
}
