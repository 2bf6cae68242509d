import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { uploadForm } from '../../api/files';
import { pagedQueryOptions } from '../../api/paging';
import type { Order, Proof, ProofFile, ProofRequest, ProofReviewRequest, WaitingState } from './model';

/** The waiting orders' filters, as the API takes them. */
export interface WaitingFilters {
  state: WaitingState;
  fiscal_year?: number;
}

export const proofKeys = {
  all: ['proofs'] as const,
  lists: () => [...proofKeys.all, 'list'] as const,
  list: (filters: WaitingFilters) => [...proofKeys.lists(), filters] as const,
  /** One order and its proofs: one invalidation after a change refreshes both. */
  one: (orderId: string) => [...proofKeys.all, 'order', orderId] as const,
  order: (orderId: string) => [...proofKeys.one(orderId), 'record'] as const,
  proofs: (orderId: string) => [...proofKeys.one(orderId), 'proofs'] as const,
};

const PAGE_SIZE = 25;

export function waitingOrdersQuery(filters: WaitingFilters) {
  return pagedQueryOptions(proofKeys.list(filters), (cursor) =>
    unwrap(api.client.GET('/api/v1/orders', { params: { query: { limit: PAGE_SIZE, cursor, ...filters } } })),
  );
}

export function orderQuery(orderId: string) {
  return queryOptions({
    queryKey: proofKeys.order(orderId),
    queryFn: () => unwrap(api.client.GET('/api/v1/orders/{id}', { params: { path: { id: orderId } } })),
  });
}

/** The order's proofs, oldest first. */
export function orderProofsQuery(orderId: string) {
  return queryOptions({
    queryKey: proofKeys.proofs(orderId),
    queryFn: () => unwrap(api.client.GET('/api/v1/orders/{id}/proofs', { params: { path: { id: orderId } } })),
  });
}

/** Hands in a company's proof for an order. */
export function handInProof(orderId: string, body: ProofRequest): Promise<Proof> {
  return unwrap(api.client.POST('/api/v1/orders/{id}/proofs', { params: { path: { id: orderId } }, body }));
}

/** Verifies or rejects one proof as it was last read: the server refuses if it changed since. */
export function reviewProof(proof: Proof, body: ProofReviewRequest): Promise<Proof> {
  return unwrap(
    api.client.POST('/api/v1/proofs/{id}/review', {
      params: { path: { id: proof.id }, header: { 'If-Match': `"${proof.version}"` } },
      body,
    }),
  );
}

/** Attaches a file to a pending proof, reporting the upload's progress. */
export function uploadProofFile(proofId: string, file: File, onProgress: (fraction: number) => void): Promise<ProofFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadForm<ProofFile>(`/api/v1/proofs/${encodeURIComponent(proofId)}/files`, form, onProgress);
}

/** A proof's file, to save it: the file operation needs the access token, which a plain link cannot send. */
export function proofFileContent(file: ProofFile): Promise<Blob> {
  return unwrap<Blob>(api.client.GET('/api/v1/proof-files/{id}/content', { params: { path: { id: file.id } }, parseAs: 'blob' }));
}

export type Decision = 'verify' | 'reject';

const DECISION_PATHS = {
  verify: '/api/v1/orders/{id}/verify-proof',
  reject: '/api/v1/orders/{id}/reject-proof',
} as const satisfies Record<Decision, string>;

/** Decides the order's proof, with the order's version as it was last read. */
export function decideProof(order: Order, decision: Decision, reason: string | null): Promise<Order> {
  return unwrap(
    api.client.POST(DECISION_PATHS[decision], {
      params: { path: { id: order.id }, header: { 'If-Match': `"${order.version}"` } },
      body: { reason },
    }),
  );
}
