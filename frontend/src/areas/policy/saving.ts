import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import type { PolicyChanges, PolicyVersion } from '../../api/types';
import { notifyFailed, notifySaved } from '../../components/notify';
import { policyKeys, updateVersion } from './queries';

/** A section of the policy document, as the server names it in field paths. */
export type Section = keyof PolicyChanges;

/**
 * The row and field of a server field error within one section: `policy.rate_card[3].max_unit_price`
 * is row 3's `max_unit_price` of `rate_card`, `policy.rules[1].check.count` row 1's `check.count`.
 */
export function rowError(path: string, section: Section): { row: number; field: string } | undefined {
  const prefix = `policy.${section}[`;
  if (!path.startsWith(prefix)) return undefined;
  const match = /^(\d+)\](?:\.(.+))?$/.exec(path.slice(prefix.length));
  return match?.[1] === undefined ? undefined : { row: Number(match[1]), field: match[2] ?? '' };
}

/**
 * Saving one version's edits: the sections sent replace theirs whole, with the version last read
 * as `If-Match`. A save refused because someone else saved first, or because a decision has
 * used the version meanwhile, cannot succeed by trying again: the editor closes on the version
 * as it now is, and says why.
 */
export function useVersionSave(version: PolicyVersion, close: () => void) {
  const { t } = useTranslation('policy');
  const queryClient = useQueryClient();
  const reload = () => queryClient.invalidateQueries({ queryKey: policyKeys.versions() });

  return {
    send: (changes: { policy?: PolicyChanges; regulation_id?: string | null }) => updateVersion(version, changes),
    onSuccess: (saved: PolicyVersion) => {
      // Shown at once: the version itself, and the year's version in force when it is that one.
      queryClient.setQueryData(policyKeys.version(saved.id), saved);
      queryClient.setQueryData(policyKeys.current(saved.fiscal_year), (shown: PolicyVersion | null | undefined) =>
        shown?.id === saved.id ? saved : shown,
      );
      void reload();
      notifySaved(t('saved', { year: saved.fiscal_year, revision: saved.revision }));
      close();
    },
    onError: (error: unknown) => {
      if (!(error instanceof ApiError)) return;
      const stale = error.status === 412;
      if (!stale && error.code !== 'policy_version_in_use') return;
      notifyFailed(t(stale ? 'staleTitle' : 'frozenTitle'), t(stale ? 'staleBody' : 'problem.policy_version_in_use'));
      void reload();
      close();
    },
  };
}
