import { fakeServer, json, problem, type Seen } from '../../test/http';
import type { PublicAgreement, PublicOrganisation, PublicOrganisationYears, PublicOutlet, PublicYear } from './model';

// A public server in the shape of the demo's, for the area's tests.

/** An amount as Indonesian documents write it, e.g. rp('1.500.000'). */
export const rp = (grouped: string) => `Rp\u00a0${grouped}`;

const idr = (amount: string) => ({ amount, currency: 'IDR' as const });

export const OKI: PublicOrganisation = { slug: 'oki', name: 'Pemerintah Kabupaten Ogan Komering Ilir' };
export const PALEMBANG: PublicOrganisation = { slug: 'palembang', name: 'Pemerintah Kota Palembang' };
/** An organisation that has published no agreement yet. */
export const MUBA: PublicOrganisation = { slug: 'muba', name: 'Pemerintah Kabupaten Musi Banyuasin' };

export const ORGANISATIONS: PublicOrganisation[] = [OKI, PALEMBANG, MUBA];

const YEARS: Record<string, number[]> = { oki: [2026, 2025], palembang: [2026], muba: [] };

const outlet = (name: string, company: string, type: PublicOutlet['media_type'], agreements: number, ceiling: string, paid: string, share: number): PublicOutlet => ({
  outlet: name,
  company,
  media_type: type,
  agreements,
  ceiling: idr(ceiling),
  paid: idr(paid),
  share,
});

const agreement = (number: string, state: PublicAgreement['state'], company: string, name: string, type: PublicAgreement['media_type'], tier: string, ceiling: string, paid: string): PublicAgreement => ({
  number,
  state,
  company,
  outlet: name,
  media_type: type,
  tier,
  starts_on: '2026-01-15',
  ends_on: '2026-12-31',
  ceiling: idr(ceiling),
  paid: idr(paid),
});

/**
 * What someone might wrongly let into a public answer: a person's name, contact and tax number.
 * The page shows only the fields it knows, so none of these may ever appear on it.
 */
export const PERSONAL = { signatory: 'Budi Santoso', email: 'budi@kayuagungpos.co.id', phone: '+62 812 3456 7890', npwp: '01.234.567.8-901.000' };

/** OKI's 2026, its outlets deliberately out of order: the page shows the largest paid first. */
export const OKI_2026: PublicYear = {
  organisation: OKI,
  fiscal_year: 2026,
  totals: { agreements: 3, partners: 3, outlets: 3, ceiling: idr('27500000'), paid: idr('10000000') },
  partners: ['PT Kayuagung Media Utama', 'PT Radio Suara Komering', 'PT Sriwijaya Siber Nusantara'],
  outlets: [
    outlet('Radio Suara Komering 98,6 FM', 'PT Radio Suara Komering', 'radio', 1, '2500000', '2500000', 0.25),
    outlet('okionline.id', 'PT Sriwijaya Siber Nusantara', 'online', 1, '5000000', '0', 0),
    outlet('Kayuagung Pos', 'PT Kayuagung Media Utama', 'print', 1, '20000000', '7500000', 0.75),
  ],
  agreements: [
    { ...agreement('001/PKS/DISKOMINFO/2026', 'active', 'PT Kayuagung Media Utama', 'Kayuagung Pos', 'print', 'A', '20000000', '7500000'), ...PERSONAL },
    agreement('002/PKS/DISKOMINFO/2026', 'completed', 'PT Radio Suara Komering', 'Radio Suara Komering 98,6 FM', 'radio', 'B', '2500000', '2500000'),
    agreement('003/PKS/DISKOMINFO/2026', 'active', 'PT Sriwijaya Siber Nusantara', 'okionline.id', 'online', 'B', '5000000', '0'),
  ],
};

/** OKI's 2025: one agreement, all paid. */
export const OKI_2025: PublicYear = {
  organisation: OKI,
  fiscal_year: 2025,
  totals: { agreements: 1, partners: 1, outlets: 1, ceiling: idr('12000000'), paid: idr('12000000') },
  partners: ['PT Kayuagung Media Utama'],
  outlets: [outlet('Kayuagung Pos', 'PT Kayuagung Media Utama', 'print', 1, '12000000', '12000000', 1)],
  agreements: [agreement('007/PKS/DISKOMINFO/2025', 'completed', 'PT Kayuagung Media Utama', 'Kayuagung Pos', 'print', 'A', '12000000', '12000000')],
};

const PUBLIC = /^\/api\/v1\/public\/organisations(?:\/([^/]+))?(?:\/([^/]+))?$/;

/**
 * A server that answers the public pages: the organisations, each one's years, and OKI's two
 * years (any other year of a known organisation is empty); not_found for an unknown organisation.
 */
export function publicServer({ handle = () => undefined }: { handle?: (request: Seen) => Response | undefined } = {}) {
  return fakeServer((request) => {
    const custom = handle(request);
    if (custom) return custom;
    const match = request.method === 'GET' ? PUBLIC.exec(request.path) : null;
    if (!match) return undefined;
    const [, slug, year] = match;
    if (slug === undefined) return json(200, ORGANISATIONS);
    const found = ORGANISATIONS.find((organisation) => organisation.slug === slug);
    if (!found) return problem(404, 'not_found');
    if (year === undefined) {
      const body: PublicOrganisationYears = { ...found, fiscal_years: YEARS[slug] ?? [] };
      return json(200, body);
    }
    if (slug === 'oki' && year === '2026') return json(200, OKI_2026);
    if (slug === 'oki' && year === '2025') return json(200, OKI_2025);
    const empty: PublicYear = { organisation: found, fiscal_year: Number(year), totals: { agreements: 0, partners: 0, outlets: 0, ceiling: idr('0'), paid: idr('0') }, partners: [], outlets: [], agreements: [] };
    return json(200, empty);
  });
}

/** The public requests a fake server saw, each as its path. */
export function publicRequests(seen: Seen[]): string[] {
  return seen.filter((request) => request.path.startsWith('/api/v1/public/')).map((request) => request.path);
}
