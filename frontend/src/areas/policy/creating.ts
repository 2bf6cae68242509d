import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { notifySaved } from '../../components/notify';
import { createVersion, policyKeys } from './queries';

/** Where a new revision's content comes from: a shipped preset, or one of the region's versions. */
export type Origin = { preset: string } | { copy_of: string };

/**
 * Creates the next revision of a year's policy, then opens that year, where the new revision is
 * the one in force.
 */
export function useCreateVersion() {
  const { t } = useTranslation('policy');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: ({ year, origin }: { year: number; origin: Origin }) => createVersion(year, origin),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: policyKeys.versions() });
      notifySaved(t('created', { year: created.fiscal_year, revision: created.revision }));
      void navigate(`/policy?year=${created.fiscal_year}`);
    },
  });
}
