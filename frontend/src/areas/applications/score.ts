import type { Criterion, Tier } from '../../api/types';

/** The tier a number of points reaches: the highest whose minimum it meets, as the server counts. */
export function tierFor(tiers: readonly Tier[], points: number): Tier | undefined {
  return [...tiers].sort((a, b) => b.min_points - a.min_points).find((tier) => tier.min_points <= points);
}

/** The points of the options chosen, criterion by criterion; an unanswered criterion counts none. */
export function pointsOf(criteria: readonly Criterion[], answers: Readonly<Record<string, string>>): number {
  return criteria.reduce((sum, criterion) => sum + (criterion.options.find((option) => option.code === answers[criterion.code])?.points ?? 0), 0);
}
