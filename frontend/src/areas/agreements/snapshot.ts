import type { AgreementAmendment } from './model';

// An amendment keeps the agreement with its lines before and after it, as the server stored them.
// The contract describes them as objects only, so they are read here field by field, and a field
// of a shape this build does not know is left out of the summary rather than shown wrongly.

/** A stored agreement: the contract says only that it is an object. */
type Snapshot = Readonly<Record<string, unknown>>;

/** An amount stored as whole rupiah: a number, a string of digits, or a `{amount}` object. */
function amountOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return value;
  if (typeof value === 'object' && value !== null && 'amount' in value) return amountOf(value.amount);
  return null;
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function countOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

interface LineFacts {
  product: string;
  quota: number | null;
  agreed: string | null;
}

function linesOf(snapshot: Snapshot): LineFacts[] {
  const lines = snapshot.lines;
  if (!Array.isArray(lines)) return [];
  return lines.flatMap((line: unknown) => {
    if (typeof line !== 'object' || line === null) return [];
    const record = line as Record<string, unknown>;
    const product = textOf(record.product);
    return product === null ? [] : [{ product, quota: countOf(record.quota), agreed: amountOf(record.agreed_price) }];
  });
}

/** One thing an amendment changed, as the history says it. */
export type Change =
  | { kind: 'amount'; field: 'ceiling'; before: string; after: string }
  | { kind: 'text'; field: 'title' | 'starts_on' | 'ends_on' | 'external_order_id'; before: string; after: string }
  | { kind: 'quota'; product: string; before: number; after: number }
  | { kind: 'price'; product: string; before: string; after: string }
  | { kind: 'added'; product: string }
  | { kind: 'removed'; product: string };

/** What an amendment changed: the ceiling, the period and title, and each line's quota and agreed price. */
export function changesOf(amendment: AgreementAmendment): Change[] {
  // Typed by the contract as objects of unknown fields: each is checked before it is used.
  const before: Snapshot = amendment.before;
  const after: Snapshot = amendment.after;
  const changes: Change[] = [];
  const ceilingBefore = amountOf(before.ceiling);
  const ceilingAfter = amountOf(after.ceiling);
  if (ceilingBefore !== null && ceilingAfter !== null && ceilingBefore !== ceilingAfter) {
    changes.push({ kind: 'amount', field: 'ceiling', before: ceilingBefore, after: ceilingAfter });
  }
  for (const field of ['title', 'starts_on', 'ends_on', 'external_order_id'] as const) {
    const was = textOf(before[field]);
    const is = textOf(after[field]);
    if (was !== null && is !== null && was !== is) changes.push({ kind: 'text', field, before: was, after: is });
  }
  const linesBefore = linesOf(before);
  const linesAfter = linesOf(after);
  for (const line of linesAfter) {
    const was = linesBefore.find((candidate) => candidate.product === line.product);
    if (!was) {
      changes.push({ kind: 'added', product: line.product });
      continue;
    }
    if (was.quota !== null && line.quota !== null && was.quota !== line.quota) {
      changes.push({ kind: 'quota', product: line.product, before: was.quota, after: line.quota });
    }
    if (was.agreed !== null && line.agreed !== null && was.agreed !== line.agreed) {
      changes.push({ kind: 'price', product: line.product, before: was.agreed, after: line.agreed });
    }
  }
  for (const line of linesBefore) {
    if (!linesAfter.some((candidate) => candidate.product === line.product)) changes.push({ kind: 'removed', product: line.product });
  }
  return changes;
}
