import type { TFunction } from 'i18next';
import type { RegulationKind } from '../../api/types';

/** How a regulation is cited: "Peraturan Bupati Nomor 54 Tahun 2018 tentang …". */
export function citeRegulation(t: TFunction, regulation: { kind: RegulationKind; number: string; year: number; title: string }): string {
  return t('policy:citation', {
    kind: t(`policy:regulationKind.${regulation.kind}`),
    number: regulation.number,
    year: regulation.year,
    title: regulation.title,
  });
}
