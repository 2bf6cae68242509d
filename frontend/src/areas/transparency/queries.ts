import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { PublicOrganisation, PublicOrganisationYears, PublicYear } from './model';

// The public API needs no session: the client sends an access token only when a signed-in
// officer happens to read these pages, and the server answers everyone alike.

export const publicKeys = {
  all: ['public'] as const,
  organisations: () => [...publicKeys.all, 'organisations'] as const,
  organisation: (slug: string) => [...publicKeys.organisations(), slug] as const,
  year: (slug: string, year: number) => [...publicKeys.organisation(slug), year] as const,
};

/** Every organisation on this server whose partnerships with the press are published. */
export function organisationsQuery() {
  return queryOptions({
    queryKey: publicKeys.organisations(),
    queryFn: () => unwrap(api.client.GET('/api/v1/public/organisations')) as Promise<PublicOrganisation[]>,
  });
}

/** An organisation and the fiscal years it has published agreements in, newest first. */
export function organisationQuery(slug: string) {
  return queryOptions({
    queryKey: publicKeys.organisation(slug),
    queryFn: () => unwrap(api.client.GET('/api/v1/public/organisations/{slug}', { params: { path: { slug } } })) as Promise<PublicOrganisationYears>,
  });
}

/** An organisation's year of partnerships: its totals, partners, outlets and agreements. */
export function yearQuery(slug: string, year: number) {
  return queryOptions({
    queryKey: publicKeys.year(slug, year),
    queryFn: () => unwrap(api.client.GET('/api/v1/public/organisations/{slug}/{fiscal_year}', { params: { path: { slug, fiscal_year: year } } })) as Promise<PublicYear>,
  });
}
