import type { components } from '../../api/schema';

// The records this area shows, as the generated contract names them.
type Schemas = components['schemas'];

export type Order = Schemas['Order'];
export type OrderState = Schemas['OrderState'];
export type Proof = Schemas['Proof'];
export type ProofFile = Schemas['ProofFile'];
export type ProofKind = Schemas['ProofKind'];
export type ProofStatus = Schemas['ProofStatus'];
export type ProofRequest = Schemas['ProofRequest'];
export type ProofReviewRequest = Schemas['ProofReviewRequest'];
export type MediaType = Schemas['MediaType'];

/**
 * The orders this area lists, by what they wait for: a review of the proofs handed in
 * (`published`), another proof after a rejection (`proof_rejected`), or a first proof from a
 * company that took the order on (`accepted`). The first is the default: the daily queue.
 */
export const WAITING_STATES = ['published', 'proof_rejected', 'accepted'] as const satisfies readonly OrderState[];
export type WaitingState = (typeof WAITING_STATES)[number];

/** The states in which the server takes a proof for an order. */
const TAKES_PROOFS: ReadonlySet<OrderState> = new Set<OrderState>(['accepted', 'published', 'proof_rejected']);

export function takesProofs(order: Order): boolean {
  return TAKES_PROOFS.has(order.state);
}

/** The kind of proof a medium usually hands in, offered first. */
export const USUAL_KIND: Record<MediaType, ProofKind> = {
  online: 'url',
  print: 'clipping',
  tv: 'broadcast_log',
  radio: 'broadcast_log',
};

/** Whether a proof of this kind must show that the content is labelled as paid (a receipt shows no content). */
export function asksPaidLabel(kind: ProofKind): boolean {
  return kind !== 'delivery_receipt';
}

/** The largest file the server takes for a proof: 100 MiB (a broadcast's recording can be long). */
export const PROOF_FILE_MAX_BYTES = 100 * 1024 * 1024;

/**
 * A pending proof the server will not verify yet: its kind must show a file (a clipping's scan, a
 * broadcast's recording) and none is attached. Rejecting it stays possible.
 */
export function awaitsEvidence(proof: Proof): boolean {
  return proof.status === 'pending' && proof.evidence_required && proof.files.length === 0;
}

export interface ProofTally {
  pending: number;
  verified: number;
  rejected: number;
  /** Units the verified proofs show, at most what was ordered: what the order is paid for. */
  verifiedUnits: number;
  /** Units shown by proofs that are not rejected. */
  shownUnits: number;
}

export function tally(order: Order, proofs: readonly Proof[]): ProofTally {
  const count = (status: ProofStatus) => proofs.filter((proof) => proof.status === status).length;
  const units = (keep: (proof: Proof) => boolean) => proofs.filter(keep).reduce((sum, proof) => sum + proof.quantity, 0);
  return {
    pending: count('pending'),
    verified: count('verified'),
    rejected: count('rejected'),
    verifiedUnits: Math.min(order.quantity, units((proof) => proof.status === 'verified')),
    shownUnits: units((proof) => proof.status !== 'rejected'),
  };
}

/** Why an order's proof cannot be decided one way now, as the server would refuse it; null when it can. */
export type DecisionBlock = 'notPublished' | 'noProofs' | 'pending' | 'noneVerified' | 'someVerified' | 'noneRejected';

/**
 * What stands in the way of each decision, judged as the server judges it: every proof reviewed,
 * and at least one verified (to verify), or none verified and at least one rejected (to reject).
 */
export function decisionBlocks(order: Order, counts: ProofTally): { verify: DecisionBlock | null; reject: DecisionBlock | null } {
  if (order.state !== 'published') return { verify: 'notPublished', reject: 'notPublished' };
  if (counts.pending + counts.verified + counts.rejected === 0) return { verify: 'noProofs', reject: 'noProofs' };
  if (counts.pending > 0) return { verify: 'pending', reject: 'pending' };
  return {
    verify: counts.verified > 0 ? null : 'noneVerified',
    reject: counts.verified > 0 ? 'someVerified' : counts.rejected > 0 ? null : 'noneRejected',
  };
}
