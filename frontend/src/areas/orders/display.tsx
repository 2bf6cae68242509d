import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderState } from './model';
export { FactTable } from '../../components/FactTable';
export { PageHeader } from '../../components/PageHeader';
import { YearSelect as SharedYearSelect } from '../../components/YearSelect';

const STATE_COLOR: Record<OrderState, string> = {
  issued: 'blue',
  accepted: 'indigo',
  declined: 'red',
  published: 'cyan',
  proof_verified: 'teal',
  proof_rejected: 'orange',
  invoiced: 'grape',
  paid: 'green',
  cancelled: 'gray',
};

export function StateBadge({ state, size }: { state: OrderState; size?: string }) {
  const { t } = useTranslation('orders');
  return (
    <Badge color={STATE_COLOR[state]} variant="light" tt="none" miw="max-content" size={size}>
      {t(`state.${state}`)}
    </Badge>
  );
}

/** The fiscal year picker, labelled in this area's words. */
export function YearSelect(props: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('orders');
  return <SharedYearSelect label={t('fiscalYear')} {...props} />;
}
