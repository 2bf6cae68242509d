import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { Application, Blocker, BlockerKind, Label } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { useLabel } from '../../hooks/useLabel';
import { policyVersionQuery } from './queries';

/** Blockers about one of the policy's requirements, named by its code. */
const ABOUT_REQUIREMENT: ReadonlySet<BlockerKind> = new Set(['document_missing', 'document_not_reviewed', 'document_rejected', 'document_expired']);

/** How the reader calls a policy's requirements, rules and rubric: by the names the policy gives them. */
export interface PolicyNames {
  requirement: (code: string) => string;
  rule: (code: string) => string;
  ruleLabels: ReadonlyMap<string, Label> | undefined;
}

/**
 * The names of the things the application's policy version holds, in the reader's language. A
 * reader who may not read the policy (or before it arrives) sees the codes, which the policy
 * editor also shows.
 */
export function usePolicyNames(application: Application, known: readonly { code: string; label: Label }[] = []): PolicyNames {
  const label = useLabel();
  const canReadPolicy = useCan('policy.read');
  const policy = useQuery({ ...policyVersionQuery(application.policy_version_id), enabled: canReadPolicy });
  const requirements = new Map<string, Label>(known.map((item) => [item.code, item.label]));
  for (const requirement of policy.data?.policy.requirements ?? []) requirements.set(requirement.code, requirement.label);
  const rules = policy.data ? new Map(policy.data.policy.rules.map((rule) => [rule.code, rule.label])) : undefined;
  return {
    requirement: (code) => {
      const name = requirements.get(code);
      return name ? label(name) : code;
    },
    rule: (code) => {
      const name = rules?.get(code);
      return name ? label(name) : code;
    },
    ruleLabels: rules,
  };
}

/** A blocker as a sentence: "Dokumen wajib belum diunggah: Surat permohonan ...". */
export function blockerText(t: TFunction, blocker: Blocker, names: PolicyNames): string {
  const code = blocker.code ?? undefined;
  const name = code === undefined ? undefined : ABOUT_REQUIREMENT.has(blocker.kind) ? names.requirement(code) : names.rule(code);
  return t(`applications:blocker.${blocker.kind}`, { name });
}
