import { useTranslation } from 'react-i18next';
import type { Label } from '../api/types';

/**
 * Names that the data carries in both languages (a requirement, a tier, a product) in the
 * language the user reads.
 */
export function useLabel(): (label: Label) => string {
  const { i18n } = useTranslation();
  return (label) => (i18n.resolvedLanguage === 'en' ? label.en : label.id);
}
