import { useQuery } from '@tanstack/react-query';
import type { Policy } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { useLabel } from '../../hooks/useLabel';
import { currentPolicyQuery, policyVersionQuery } from './queries';

/** How the reader calls a product: by the name a policy gives it, with the unit it is counted in. */
export interface ProductNames {
  name: (code: string) => string;
  unit: (code: string) => string | null;
}

function namesFrom(policy: Policy | undefined, label: ReturnType<typeof useLabel>): ProductNames {
  const product = (code: string) => policy?.products.find((candidate) => candidate.code === code);
  return {
    name: (code) => {
      const found = product(code);
      return found ? label(found.label) : code;
    },
    unit: (code) => {
      const found = product(code);
      return found ? label(found.unit) : null;
    },
  };
}

/**
 * Product names from an agreement's own policy version when it is known, else from the policy in
 * force in the fiscal year. A reader who may not read the policy (or before it arrives) sees codes.
 */
export function useProductNames({ versionId, year }: { versionId?: string; year: number }): ProductNames {
  const label = useLabel();
  const canReadPolicy = useCan('policy.read');
  const version = useQuery({ ...policyVersionQuery(versionId ?? ''), enabled: canReadPolicy && versionId !== undefined });
  const current = useQuery({ ...currentPolicyQuery(year), enabled: canReadPolicy && versionId === undefined });
  return namesFrom(versionId === undefined ? (current.data ?? undefined)?.policy : version.data?.policy, label);
}
