import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import { pagedQueryOptions } from '../../api/paging';
import type {
  BankAccount,
  BankAccountRequest,
  CompanyRequest,
  CompanyStatus,
  Evaluation,
  Label,
  MediaType,
  NewPersonRequest,
  NewsroomPerson,
  Outlet,
  OutletRequest,
  PersonDetailsRequest,
  PressCompany,
  PressCouncilCheckRequest,
  PressCouncilRecord,
  PressCouncilStatus,
  StatusRequest,
} from '../../api/types';

/** The companies list's filters, as the API takes them. */
export interface CompanyFilters {
  q?: string;
  status?: CompanyStatus;
  media_type?: MediaType;
  press_council_status?: PressCouncilStatus;
}

/** The outlets list's filters, as the API takes them. */
export interface OutletFilters {
  q?: string;
  media_type?: MediaType;
  company_id?: string;
}

export const registryKeys = {
  all: ['registry'] as const,
  companies: () => [...registryKeys.all, 'companies'] as const,
  companyList: (filters: CompanyFilters) => [...registryKeys.companies(), 'list', filters] as const,
  everyCompany: () => [...registryKeys.companies(), 'everything'] as const,
  company: (id: string) => [...registryKeys.companies(), 'one', id] as const,
  /** What belongs to one company: its checks, accounts and newsroom. */
  ofCompany: (id: string) => [...registryKeys.all, 'of-company', id] as const,
  pressCouncil: (id: string) => [...registryKeys.ofCompany(id), 'press-council'] as const,
  bankAccounts: (id: string) => [...registryKeys.ofCompany(id), 'bank-accounts'] as const,
  people: (id: string, year: number) => [...registryKeys.ofCompany(id), 'people', year] as const,
  outlets: () => [...registryKeys.all, 'outlets'] as const,
  outletList: (filters: OutletFilters) => [...registryKeys.outlets(), 'list', filters] as const,
  outlet: (id: string) => [...registryKeys.outlets(), 'one', id] as const,
  /**
   * Judgements read what the registry holds today, so any change to a company, its outlets or
   * its newsroom may change them: every registry write invalidates `all`, and these with it.
   */
  eligibility: (outletId: string, year: number) => [...registryKeys.all, 'eligibility', outletId, year] as const,
  ruleLabels: (year: number) => [...registryKeys.all, 'rule-labels', year] as const,
};

const PAGE_SIZE = 25;

export function companyPagesQuery(filters: CompanyFilters) {
  return pagedQueryOptions(registryKeys.companyList(filters), (cursor) =>
    unwrap(api.client.GET('/api/v1/press-companies', { params: { query: { limit: PAGE_SIZE, cursor, ...filters } } })),
  );
}

/** Upper bound on companies fetched to name them and pick one; OKI had 125 applicants in 2019. */
const MAX_COMPANIES = 1000;

/**
 * Every company of the organisation, for naming the company of each outlet in a list and for
 * picking one in a filter: outlets carry their company's id only.
 */
export function allCompaniesQuery() {
  return queryOptions({
    queryKey: registryKeys.everyCompany(),
    staleTime: 60_000,
    queryFn: async () => {
      const companies: PressCompany[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(api.client.GET('/api/v1/press-companies', { params: { query: { limit: 100, cursor } } }));
        companies.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor !== undefined && companies.length < MAX_COMPANIES);
      return companies;
    },
  });
}

export function companyQuery(id: string) {
  return queryOptions({
    queryKey: registryKeys.company(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/press-companies/{id}', { params: { path: { id } } })),
  });
}

export function createCompany(body: CompanyRequest): Promise<PressCompany> {
  return unwrap(api.client.POST('/api/v1/press-companies', { body }));
}

/** Replaces the whole profile of a company as it was last read. */
export function updateCompany(company: PressCompany, body: CompanyRequest): Promise<PressCompany> {
  return unwrap(
    api.client.PATCH('/api/v1/press-companies/{id}', {
      params: { path: { id: company.id }, header: { 'If-Match': `"${company.version}"` } },
      body,
    }),
  );
}

export function decideStatus(company: PressCompany, body: StatusRequest): Promise<PressCompany> {
  return unwrap(
    api.client.POST('/api/v1/press-companies/{id}/status', {
      params: { path: { id: company.id }, header: { 'If-Match': `"${company.version}"` } },
      body,
    }),
  );
}

export function pressCouncilQuery(companyId: string) {
  return queryOptions({
    queryKey: registryKeys.pressCouncil(companyId),
    queryFn: () => unwrap(api.client.GET('/api/v1/press-companies/{id}/press-council-records', { params: { path: { id: companyId } } })),
  });
}

export function recordPressCouncilCheck(companyId: string, body: PressCouncilCheckRequest): Promise<PressCouncilRecord> {
  return unwrap(api.client.POST('/api/v1/press-companies/{id}/press-council-records', { params: { path: { id: companyId } }, body }));
}

export function bankAccountsQuery(companyId: string) {
  return queryOptions({
    queryKey: registryKeys.bankAccounts(companyId),
    queryFn: () => unwrap(api.client.GET('/api/v1/press-companies/{id}/bank-accounts', { params: { path: { id: companyId } } })),
  });
}

export function createBankAccount(companyId: string, body: BankAccountRequest): Promise<BankAccount> {
  return unwrap(api.client.POST('/api/v1/press-companies/{id}/bank-accounts', { params: { path: { id: companyId } }, body }));
}

export function verifyBankAccount(account: BankAccount): Promise<BankAccount> {
  return unwrap(api.client.POST('/api/v1/bank-accounts/{id}/verification', { params: { path: { id: account.id } } }));
}

const PEOPLE_PAGE_SIZE = 50;

/** A company's newsroom in one fiscal year. */
export function peoplePagesQuery(companyId: string, year: number) {
  return pagedQueryOptions<NewsroomPerson>(registryKeys.people(companyId, year), (cursor) =>
    unwrap(
      api.client.GET('/api/v1/press-companies/{id}/people', {
        params: { path: { id: companyId }, query: { fiscal_year: year, limit: PEOPLE_PAGE_SIZE, cursor } },
      }),
    ),
  );
}

export function createPerson(body: NewPersonRequest): Promise<NewsroomPerson> {
  return unwrap(api.client.POST('/api/v1/people', { body }));
}

/** Replaces a person's name, role and competence as last read; the NIK, company and year stay. */
export function updatePerson(person: NewsroomPerson, body: PersonDetailsRequest): Promise<NewsroomPerson> {
  return unwrap(
    api.client.PATCH('/api/v1/people/{id}', {
      params: { path: { id: person.id }, header: { 'If-Match': `"${person.version}"` } },
      body,
    }),
  );
}

export function outletPagesQuery(filters: OutletFilters) {
  return pagedQueryOptions(registryKeys.outletList(filters), (cursor) =>
    unwrap(api.client.GET('/api/v1/outlets', { params: { query: { limit: PAGE_SIZE, cursor, ...filters } } })),
  );
}

export function outletQuery(id: string) {
  return queryOptions({
    queryKey: registryKeys.outlet(id),
    queryFn: () => unwrap(api.client.GET('/api/v1/outlets/{id}', { params: { path: { id } } })),
  });
}

export function createOutlet(body: OutletRequest): Promise<Outlet> {
  return unwrap(api.client.POST('/api/v1/outlets', { body }));
}

/** Replaces the whole profile of an outlet as it was last read. */
export function updateOutlet(outlet: Outlet, body: OutletRequest): Promise<Outlet> {
  return unwrap(
    api.client.PATCH('/api/v1/outlets/{id}', {
      params: { path: { id: outlet.id }, header: { 'If-Match': `"${outlet.version}"` } },
      body,
    }),
  );
}

/**
 * The outlet judged by the policy in force in `year`, or null when that year has no policy: the
 * outlet page has already read the outlet, so its 404 can only mean the policy is missing.
 */
export function eligibilityQuery(outletId: string, year: number) {
  return queryOptions({
    queryKey: registryKeys.eligibility(outletId, year),
    queryFn: async (): Promise<Evaluation | null> => {
      try {
        return await unwrap(
          api.client.GET('/api/v1/outlets/{id}/eligibility', { params: { path: { id: outletId }, query: { fiscal_year: year } } }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/**
 * The names of the rules of the policy in force in `year`, by code. A judgement names each rule
 * by its code alone; the policy holds the names its authors gave them.
 */
export function ruleLabelsQuery(year: number) {
  return queryOptions({
    queryKey: registryKeys.ruleLabels(year),
    queryFn: async (): Promise<ReadonlyMap<string, Label>> => {
      const version = await unwrap(api.client.GET('/api/v1/policy-versions/current', { params: { query: { fiscal_year: year } } }));
      return new Map(version.policy.rules.map((rule) => [rule.code, rule.label]));
    },
  });
}
