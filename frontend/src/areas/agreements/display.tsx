import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementState } from './model';
export { FactTable } from '../../components/FactTable';
export { PageHeader } from '../../components/PageHeader';
import { YearSelect as SharedYearSelect } from '../../components/YearSelect';

const STATE_COLOR: Record<AgreementState, string> = {
  draft: 'gray',
  active: 'green',
  completed: 'blue',
  terminated: 'red',
  expired: 'dark',
};

export function StateBadge({ state, size }: { state: AgreementState; size?: string }) {
  const { t } = useTranslation('agreements');
  return (
    <Badge color={STATE_COLOR[state]} variant="light" tt="none" miw="max-content" size={size}>
      {t(`state.${state}`)}
    </Badge>
  );
}

/** The fiscal year picker, labelled in this area's words. */
export function YearSelect(props: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('agreements');
  return <SharedYearSelect label={t('fiscalYear')} {...props} />;
}
