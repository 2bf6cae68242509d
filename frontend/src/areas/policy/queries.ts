import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { pagedQueryOptions } from '../../api/paging';
import type { PolicyChanges, PolicyVersion, PolicyVersionSummary, Regulation, RegulationRequest } from '../../api/types';

export const policyKeys = {
  all: ['policy'] as const,
  presets: () => [...policyKeys.all, 'presets'] as const,
  /** Everything read from the policy versions: one invalidation after a write refreshes it all. */
  versions: () => [...policyKeys.all, 'versions'] as const,
  current: (year: number) => [...policyKeys.versions(), 'current', year] as const,
  version: (id: string) => [...policyKeys.versions(), 'one', id] as const,
  /** The summaries of one fiscal year's revisions, or of every year's with `null`. */
  summaries: (year: number | null) => [...policyKeys.versions(), 'summaries', year] as const,
  regulations: () => [...policyKeys.all, 'regulations'] as const,
  regulationPages: () => [...policyKeys.regulations(), 'pages'] as const,
  regulation: (id: string) => [...policyKeys.regulations(), 'one', id] as const,
};

/** Enough for any year's revisions, and for every year a region has had a policy. */
const SUMMARY_PAGE_SIZE = 100;

export function presetsQuery() {
  return queryOptions({
    queryKey: policyKeys.presets(),
    queryFn: () => unwrap(api.client.GET('/api/v1/policy/presets')),
    staleTime: Infinity,
  });
}

/** The version in force in `year` (its latest revision), or null while the year has none. */
export function currentVersionQuery(year: number) {
  return queryOptions({
    queryKey: policyKeys.current(year),
    queryFn: async (): Promise<PolicyVersion | null> => {
      try {
        return await unwrap(api.client.GET('/api/v1/policy-versions/current', { params: { query: { fiscal_year: year } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function versionQuery(id: string) {
  return queryOptions({
    queryKey: policyKeys.version(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/policy-versions/{id}', { params: { path: { id } } })),
  });
}

/** Version summaries, newest year and revision first: of one fiscal year, or of all with `null`. */
export function summariesQuery(year: number | null) {
  return pagedQueryOptions<PolicyVersionSummary>(policyKeys.summaries(year), (cursor) =>
    unwrap(
      api.client.GET('/api/v1/policy-versions', {
        params: { query: { limit: SUMMARY_PAGE_SIZE, cursor, ...(year === null ? {} : { fiscal_year: year }) } },
      }),
    ),
  );
}

/** A new revision of `fiscalYear`'s policy, from a shipped preset or a copy of a version. */
export function createVersion(fiscalYear: number, from: { preset: string } | { copy_of: string }): Promise<PolicyVersion> {
  return unwrap(api.client.POST('/api/v1/policy-versions', { body: { fiscal_year: fiscalYear, ...from } }));
}

/**
 * Replaces the given sections of a version as it was last read: the server refuses if someone
 * saved it in between, or if a decision has used it since.
 */
export function updateVersion(version: PolicyVersion, changes: { policy?: PolicyChanges; regulation_id?: string | null }): Promise<PolicyVersion> {
  return unwrap(
    api.client.PATCH('/api/v1/policy-versions/{id}', {
      params: { path: { id: version.id }, header: { 'If-Match': `"${version.version}"` } },
      body: changes,
    }),
  );
}

const REGULATION_PAGE_SIZE = 50;

export function regulationPagesQuery() {
  return pagedQueryOptions(policyKeys.regulationPages(), (cursor) =>
    unwrap(api.client.GET('/api/v1/regulations', { params: { query: { limit: REGULATION_PAGE_SIZE, cursor } } })),
  );
}

/** Upper bound on regulations fetched for a picker: a region's policy rests on a handful. */
const MAX_REGULATIONS = 500;

/** Every regulation of the organisation, for picking the one a version rests on. */
export function allRegulationsQuery() {
  return queryOptions({
    queryKey: [...policyKeys.regulations(), 'everything'] as const,
    queryFn: async () => {
      const regulations: Regulation[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(api.client.GET('/api/v1/regulations', { params: { query: { limit: 100, cursor } } }));
        regulations.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor !== undefined && regulations.length < MAX_REGULATIONS);
      return regulations;
    },
  });
}

export function regulationQuery(id: string) {
  return queryOptions({
    queryKey: policyKeys.regulation(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/regulations/{id}', { params: { path: { id } } })),
  });
}

export function createRegulation(body: RegulationRequest): Promise<Regulation> {
  return unwrap(api.client.POST('/api/v1/regulations', { body }));
}

/** Replaces every field of a regulation as it was last read. */
export function updateRegulation(regulation: Regulation, body: RegulationRequest): Promise<Regulation> {
  return unwrap(
    api.client.PATCH('/api/v1/regulations/{id}', {
      params: { path: { id: regulation.id }, header: { 'If-Match': `"${regulation.version}"` } },
      body,
    }),
  );
}
