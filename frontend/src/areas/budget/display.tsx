import { useTranslation } from 'react-i18next';
export { FactTable } from '../../components/FactTable';
export { PageHeader as AreaHeader } from '../../components/PageHeader';
import { YearSelect as SharedYearSelect } from '../../components/YearSelect';

/** The fiscal year picker, labelled in this area's words. */
export function YearSelect(props: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('budget');
  return <SharedYearSelect label={t('fiscalYear')} {...props} />;
}
