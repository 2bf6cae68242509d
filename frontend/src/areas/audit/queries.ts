import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { toApiError, unwrap } from '../../api/errors';
import { pagedQueryOptions } from '../../api/paging';
import { auditActionValues, entityTypeValues, type components } from '../../api/schema';
import type { AuditAction, EntityType } from '../../api/types';
import { jakartaDayToInstant } from '../../format';
import type { UrlFilters } from '../../hooks/usePagedList';

/**
 * The search parameters that filter the audit log. `from` and `to` are calendar days as picked
 * (YYYY-MM-DD, meant in Jakarta), which keeps a shared address readable.
 */
export const AUDIT_FILTERS = ['action', 'entity_type', 'from', 'to'] as const;
type AuditFilterName = (typeof AUDIT_FILTERS)[number];

interface AuditFilters {
  action?: AuditAction;
  entity_type?: EntityType;
  from?: string;
  to?: string;
}

/**
 * The filters of an address as the API takes them: values it would refuse are left out (an
 * address may be hand-edited), and the picked days become the instants bounding them.
 */
export function parseAuditFilters(filters: UrlFilters<AuditFilterName>): AuditFilters {
  return {
    action: auditActionValues.find((known) => known === filters.action),
    entity_type: entityTypeValues.find((known) => known === filters.entity_type),
    from: filters.from === undefined ? undefined : jakartaDayToInstant(filters.from),
    to: filters.to === undefined ? undefined : jakartaDayToInstant(filters.to, true),
  };
}

const auditKeys = {
  all: ['audit-events'] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, 'list', filters] as const,
};

const PAGE_SIZE = 50;

/** Audit events, newest first. */
export function auditEventPagesQuery(filters: AuditFilters) {
  return pagedQueryOptions(auditKeys.list(filters), (cursor) =>
    unwrap(api.client.GET('/api/v1/audit-events', { params: { query: { limit: PAGE_SIZE, cursor, ...filters } } })),
  );
}

/** Asks the server to walk the organisation's audit hash chain again. */
export function verifyChain() {
  return unwrap(api.client.GET('/api/v1/audit-events/verification'));
}

export type AuditCheckpoint = components['schemas']['AuditCheckpoint'];
export type CheckpointKey = components['schemas']['CheckpointKeyView'];

export const checkpointKeys = {
  all: ['audit-checkpoints'] as const,
  list: () => [...checkpointKeys.all, 'list'] as const,
  key: () => [...checkpointKeys.all, 'key'] as const,
};

const CHECKPOINT_PAGE_SIZE = 10;

/** Signed audit checkpoints, newest first. */
export function auditCheckpointPagesQuery() {
  return pagedQueryOptions(checkpointKeys.list(), (cursor) =>
    unwrap(api.client.GET('/api/v1/audit-checkpoints', { params: { query: { limit: CHECKPOINT_PAGE_SIZE, cursor } } })),
  );
}

/** The public key that signs audit checkpoints. */
export function checkpointKeyQuery() {
  return queryOptions({
    queryKey: checkpointKeys.key(),
    queryFn: () => unwrap(api.client.GET('/api/v1/audit-checkpoints/key')),
    staleTime: 60 * 60_000,
  });
}

/** What signing the chain head answered: the checkpoint, and whether it is new (201) or already signed the head (200). */
export interface SignedCheckpoint {
  checkpoint: AuditCheckpoint;
  created: boolean;
}

/** Asks the server to sign the organisation's audit chain head now. */
export async function signCheckpoint(): Promise<SignedCheckpoint> {
  const { data, error, response } = await api.client.POST('/api/v1/audit-checkpoints');
  if (!response.ok || data === undefined) throw toApiError(error, response);
  return { checkpoint: data, created: response.status === 201 };
}
