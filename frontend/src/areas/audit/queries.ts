import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { pagedQueryOptions } from '../../api/paging';
import { auditActionValues, entityTypeValues } from '../../api/schema';
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
