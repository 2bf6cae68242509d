import type { TFunction } from 'i18next';
import { rupiah, wholeRupiah } from '../../api/money';
import type { Check, CompetenceLevel } from '../../api/types';
import { formatRupiah, groupDigits } from '../../format';

/** The one parameter a rule's check takes, if it takes one. */
export type Parameter =
  | { name: 'level'; value: CompetenceLevel }
  | { name: 'count'; value: number }
  | { name: 'months'; value: number }
  | { name: 'amount'; value: string };

export function parameterOf(check: Check): Parameter | null {
  switch (check.kind) {
    case 'editor_competence_at_least':
      return { name: 'level', value: check.level };
    case 'staff_at_least':
      return { name: 'count', value: check.count };
    case 'active_for_months':
      return { name: 'months', value: check.months };
    case 'paid_up_capital_at_least':
      return { name: 'amount', value: check.amount.amount };
    case 'legal_form_accepted':
    case 'press_council_at_least':
    case 'broadcast_licence':
    case 'local_office':
    case 'association_member':
      return null;
  }
}

/**
 * `check` with its parameter set from what the editor holds as typed: a level's code, a whole
 * number, or an amount ("50.000.000"), each already checked by the form. A check without a
 * parameter is returned as it is.
 */
export function withParameter(check: Check, typed: string): Check {
  const value = typed.trim();
  switch (check.kind) {
    case 'editor_competence_at_least':
      return { ...check, level: value as CompetenceLevel };
    case 'staff_at_least':
      return { ...check, count: Number(value) };
    case 'active_for_months':
      return { ...check, months: Number(value) };
    case 'paid_up_capital_at_least':
      return { ...check, amount: rupiah(wholeRupiah(value) ?? value) };
    default:
      return check;
  }
}

/** A check's parameter as its editor shows it at first. */
export function typedParameter(check: Check): string {
  const parameter = parameterOf(check);
  if (parameter === null) return '';
  return parameter.name === 'amount' ? groupDigits(parameter.value) : String(parameter.value);
}

/** What a check asks of a press company, in words: "Paling sedikit 5 karyawan". */
export function describeCheck(t: TFunction, check: Check): string {
  switch (check.kind) {
    case 'editor_competence_at_least':
      return t('policy:check.editor_competence_at_least', { level: t(`competenceLevel.${check.level}`) });
    case 'staff_at_least':
      return t('policy:check.staff_at_least', { count: check.count });
    case 'active_for_months':
      return t('policy:check.active_for_months', { count: check.months });
    case 'paid_up_capital_at_least':
      return t('policy:check.paid_up_capital_at_least', { amount: formatRupiah(check.amount.amount) });
    default:
      return t(`policy:check.${check.kind}`);
  }
}
