import { mediaTypeValues } from '../../api/schema';
import type { MediaType, Policy, Product, Rate } from '../../api/types';

/** One priced cell of the rate card, with its place in the `rate_card` list (field errors name it). */
export interface RateCell {
  index: number;
  rate: Rate;
}

/** The rate card of one media type: products down, tiers across, highest tier first. */
export interface RateTable {
  media: MediaType;
  rows: { product: Product; cells: (RateCell | null)[] }[];
  /** Where the prices come from, each source once. */
  legalBases: string[];
}

/** The policy's tiers, highest first: the order the rate card's columns read in. */
export function tiersDown(policy: Policy) {
  return [...policy.tiers].sort((a, b) => b.min_points - a.min_points);
}

/** The rate card as one table per media type that has prices, in the order of the vocabulary. */
export function rateTables(policy: Policy): RateTable[] {
  const tiers = tiersDown(policy);
  return mediaTypeValues.flatMap((media) => {
    const cells = policy.rate_card.flatMap((rate, index) => (rate.media_type === media ? [{ index, rate }] : []));
    if (cells.length === 0) return [];
    const rows = policy.products
      .map((product) => ({
        product,
        cells: tiers.map((tier) => cells.find(({ rate }) => rate.product === product.code && rate.tier === tier.code) ?? null),
      }))
      .filter((row) => row.cells.some((cell) => cell !== null));
    return [{ media, rows, legalBases: [...new Set(cells.map(({ rate }) => rate.legal_basis))] }];
  });
}
