import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { uploadForm } from '../../api/files';
import { pagedQueryOptions } from '../../api/paging';
import type {
  Application,
  ApplicationDocument,
  ApplicationState,
  Answer,
  CreateApplicationRequest,
  ReviewRequest,
  SiteVisit,
  SiteVisitPhoto,
  Step,
  VisitRequest,
  WindowRequest,
  RegistrationWindow,
} from '../../api/types';

/** The applications list's filters, as the API takes them. */
export interface ApplicationFilters {
  fiscal_year: number;
  state?: ApplicationState;
  company_id?: string;
}

export const applicationKeys = {
  all: ['applications'] as const,
  lists: () => [...applicationKeys.all, 'list'] as const,
  list: (filters: ApplicationFilters) => [...applicationKeys.lists(), filters] as const,
  /** An outlet's application of a year, if it has one. */
  existing: (outletId: string, year: number) => [...applicationKeys.lists(), 'existing', outletId, year] as const,
  /** One application and everything read of it: one invalidation after a change refreshes it all. */
  one: (id: string) => [...applicationKeys.all, 'one', id] as const,
  application: (id: string) => [...applicationKeys.one(id), 'record'] as const,
  readiness: (id: string) => [...applicationKeys.one(id), 'readiness'] as const,
  steps: (id: string) => [...applicationKeys.one(id), 'steps'] as const,
  documents: (id: string) => [...applicationKeys.one(id), 'documents'] as const,
  visit: (id: string) => [...applicationKeys.one(id), 'visit'] as const,
  photos: (id: string) => [...applicationKeys.one(id), 'photos'] as const,
  windows: () => [...applicationKeys.all, 'windows'] as const,
  windowList: (year: number) => [...applicationKeys.windows(), year] as const,
  expiring: (days: number) => [...applicationKeys.all, 'expiring', days] as const,
  /** The policy versions applications are judged by, which never change once used. */
  policy: (versionId: string) => ['application-policy', versionId] as const,
  currentPolicy: (year: number) => ['application-policy', 'current', year] as const,
  /** A photo's content: a file never changes, so it stays out of what a change invalidates. */
  photo: (photoId: string) => ['application-photo', photoId] as const,
};

const PAGE_SIZE = 25;

export function applicationPagesQuery(filters: ApplicationFilters) {
  return pagedQueryOptions(applicationKeys.list(filters), (cursor) =>
    unwrap(api.client.GET('/api/v1/applications', { params: { query: { limit: PAGE_SIZE, cursor, ...filters } } })),
  );
}

/** The application an outlet already has for a year, to lead to it when a second one is refused. */
export function existingApplicationQuery(outletId: string, year: number) {
  return queryOptions({
    queryKey: applicationKeys.existing(outletId, year),
    queryFn: async () => {
      const page = await unwrap(
        api.client.GET('/api/v1/applications', { params: { query: { outlet_id: outletId, fiscal_year: year, limit: 1 } } }),
      );
      return page.items[0] ?? null;
    },
  });
}

export function applicationQuery(id: string) {
  return queryOptions({
    queryKey: applicationKeys.application(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/applications/{id}', { params: { path: { id } } })),
  });
}

export function readinessQuery(id: string) {
  return queryOptions({
    queryKey: applicationKeys.readiness(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/applications/{id}/readiness', { params: { path: { id } } })),
  });
}

export function stepsQuery(id: string) {
  return queryOptions({
    queryKey: applicationKeys.steps(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/applications/{id}/steps', { params: { path: { id } } })),
  });
}

/** Every document handed in, the replaced ones too. */
export function documentsQuery(id: string) {
  return queryOptions({
    queryKey: applicationKeys.documents(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/applications/{id}/documents', { params: { path: { id } } })),
  });
}

/** The site visit, or null while none is recorded. */
export function visitQuery(id: string) {
  return queryOptions({
    queryKey: applicationKeys.visit(id),
    queryFn: async (): Promise<SiteVisit | null> => {
      try {
        return await unwrap(api.client.GET('/api/v1/applications/{id}/site-visit', { params: { path: { id } } }));
      } catch (error) {
        // The application itself was read first, so its 404 here can only mean "no visit yet".
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function photosQuery(id: string) {
  return queryOptions({
    queryKey: applicationKeys.photos(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/applications/{id}/site-visit/photos', { params: { path: { id } } })),
  });
}

/** A photo's content, to show it: the file operation needs the access token, which an `<img>` cannot send. */
export function photoContentQuery(photo: SiteVisitPhoto) {
  return queryOptions({
    queryKey: applicationKeys.photo(photo.id),
    staleTime: Infinity,
    queryFn: () => unwrap<Blob>(api.client.GET('/api/v1/site-visit-photos/{id}/content', { params: { path: { id: photo.id } }, parseAs: 'blob' })),
  });
}

export function documentContent(document: ApplicationDocument): Promise<Blob> {
  return unwrap<Blob>(api.client.GET('/api/v1/application-documents/{id}/content', { params: { path: { id: document.id } }, parseAs: 'blob' }));
}

/** The policy version an application is judged by: its requirements', rules' and rubric's names. */
export function policyVersionQuery(versionId: string) {
  return queryOptions({
    queryKey: applicationKeys.policy(versionId),
    staleTime: 5 * 60_000,
    queryFn: () => unwrap(api.client.GET('/api/v1/policy-versions/{id}', { params: { path: { id: versionId } } })),
  });
}

/** The version in force in a fiscal year, or null while it has none. */
export function currentPolicyQuery(year: number) {
  return queryOptions({
    queryKey: applicationKeys.currentPolicy(year),
    staleTime: 5 * 60_000,
    queryFn: async () => {
      try {
        return await unwrap(api.client.GET('/api/v1/policy-versions/current', { params: { query: { fiscal_year: year } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function createApplication(body: CreateApplicationRequest): Promise<Application> {
  return unwrap(api.client.POST('/api/v1/applications', { body }));
}

/** The address of each step the web app takes; `lapse` is taken for a whole year at once. */
export const STEP_PATHS = {
  submit: '/api/v1/applications/{id}/submit',
  withdraw: '/api/v1/applications/{id}/withdraw',
  start_review: '/api/v1/applications/{id}/start-review',
  request_revision: '/api/v1/applications/{id}/request-revision',
  verify: '/api/v1/applications/{id}/verify',
  reject: '/api/v1/applications/{id}/reject',
  approve: '/api/v1/applications/{id}/approve',
} as const satisfies Partial<Record<Step, string>>;

export type TakenStep = keyof typeof STEP_PATHS;

/** Takes a step from the application as it was last read: the server refuses if it changed since. */
export function takeStep(application: Application, step: TakenStep, reason: string | null): Promise<Application> {
  return unwrap(
    api.client.POST(STEP_PATHS[step], {
      params: { path: { id: application.id }, header: { 'If-Match': `"${application.version}"` } },
      body: { reason },
    }),
  );
}

export function scoreApplication(application: Application, answers: Answer[]): Promise<Application> {
  return unwrap(
    api.client.PUT('/api/v1/applications/{id}/score', {
      params: { path: { id: application.id }, header: { 'If-Match': `"${application.version}"` } },
      body: { answers },
    }),
  );
}

export function reviewDocument(document: ApplicationDocument, body: ReviewRequest): Promise<ApplicationDocument> {
  return unwrap(
    api.client.POST('/api/v1/application-documents/{id}/review', {
      params: { path: { id: document.id }, header: { 'If-Match': `"${document.version}"` } },
      body,
    }),
  );
}

/** Hands in a document for a requirement, reporting the upload's progress. */
export function uploadDocument(
  applicationId: string,
  requirement: string,
  file: File,
  expiresOn: string | null,
  onProgress: (fraction: number) => void,
): Promise<ApplicationDocument> {
  const form = new FormData();
  // The expiry first: the server reads the form's fields in order, and judges them once the file is in.
  if (expiresOn !== null) form.append('expires_on', expiresOn);
  form.append('file', file, file.name);
  const path = `/api/v1/applications/${encodeURIComponent(applicationId)}/documents/${encodeURIComponent(requirement)}`;
  return uploadForm<ApplicationDocument>(path, form, onProgress);
}

export function uploadPhoto(applicationId: string, file: File, onProgress: (fraction: number) => void): Promise<SiteVisitPhoto> {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadForm<SiteVisitPhoto>(`/api/v1/applications/${encodeURIComponent(applicationId)}/site-visit/photos`, form, onProgress);
}

export function recordVisit(applicationId: string, body: VisitRequest): Promise<SiteVisit> {
  return unwrap(api.client.POST('/api/v1/applications/{id}/site-visit', { params: { path: { id: applicationId } }, body }));
}

/** Replaces the whole record of a visit as it was last read. */
export function replaceVisit(visit: SiteVisit, body: VisitRequest): Promise<SiteVisit> {
  return unwrap(
    api.client.PUT('/api/v1/site-visits/{id}', {
      params: { path: { id: visit.id }, header: { 'If-Match': `"${visit.version}"` } },
      body,
    }),
  );
}

export function windowsQuery(year: number) {
  return queryOptions({
    queryKey: applicationKeys.windowList(year),
    queryFn: () => unwrap(api.client.GET('/api/v1/registration-windows', { params: { query: { fiscal_year: year } } })),
  });
}

export function createWindow(body: WindowRequest): Promise<RegistrationWindow> {
  return unwrap(api.client.POST('/api/v1/registration-windows', { body }));
}

/** Moves or re-announces a window as it was last read. */
export function updateWindow(window: RegistrationWindow, body: WindowRequest): Promise<RegistrationWindow> {
  return unwrap(
    api.client.PATCH('/api/v1/registration-windows/{id}', {
      params: { path: { id: window.id }, header: { 'If-Match': `"${window.version}"` } },
      body,
    }),
  );
}

export function expiringPagesQuery(withinDays: number) {
  return pagedQueryOptions(applicationKeys.expiring(withinDays), (cursor) =>
    unwrap(
      api.client.GET('/api/v1/application-documents/expiring', { params: { query: { within_days: withinDays, limit: PAGE_SIZE, cursor } } }),
    ),
  );
}

/** Outlets whose name holds `search`, for picking the one an application is for. */
export function outletSearchQuery(search: string) {
  return queryOptions({
    queryKey: ['application-outlets', search] as const,
    staleTime: 30_000,
    queryFn: async () => {
      const page = await unwrap(api.client.GET('/api/v1/outlets', { params: { query: { limit: 20, ...(search ? { q: search } : {}) } } }));
      return page.items;
    },
  });
}

/** Upper bound on companies fetched to filter the list by one; OKI had 125 applicants in 2019. */
const MAX_COMPANIES = 1000;

/** Every press company, to pick one to filter the list by. */
export function companiesQuery() {
  return queryOptions({
    queryKey: ['application-companies'] as const,
    staleTime: 60_000,
    queryFn: async () => {
      const companies: { id: string; legal_name: string }[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(api.client.GET('/api/v1/press-companies', { params: { query: { limit: 100, cursor } } }));
        companies.push(...page.items.map(({ id, legal_name }) => ({ id, legal_name })));
        cursor = page.next_cursor ?? undefined;
      } while (cursor !== undefined && companies.length < MAX_COMPANIES);
      return companies;
    },
  });
}
