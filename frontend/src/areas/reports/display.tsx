import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { YearSelect as SharedYearSelect } from '../../components/YearSelect';
import { formatBasisPoints, formatRupiah } from '../../format';
import { basisPointsOf } from './amounts';
import type { AgreementState, OrderState, RealisationDimension, RealisationRow } from './model';
import { useRowName } from './names';

/** The fiscal year picker, labelled in this area's words. */
export function YearSelect(props: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('reports');
  return <SharedYearSelect label={t('fiscalYear')} {...props} />;
}

/** A row's name in the table, under its code (a budget line's account code, a unit's code) when it has one. */
export function RowName({ row, by }: { row: RealisationRow; by: RealisationDimension }) {
  const name = useRowName();
  return (
    <>
      {row.code !== null && (
        <Text span size="xs" c="dimmed" ff="monospace" display="block">
          {row.code}
        </Text>
      )}
      <Text span size="sm" display="block">
        {name(row, by)}
      </Text>
    </>
  );
}

const AGREEMENT_COLOR: Record<AgreementState, string> = {
  draft: 'gray',
  active: 'green',
  completed: 'blue',
  terminated: 'red',
  expired: 'dark',
};

/** An agreement's state, named in this area's words. */
export function AgreementStateBadge({ state }: { state: AgreementState }) {
  const { t } = useTranslation('reports');
  return (
    <Badge color={AGREEMENT_COLOR[state]} variant="light" tt="none" miw="max-content">
      {t(`agreementState.${state}`)}
    </Badge>
  );
}

const ORDER_COLOR: Partial<Record<OrderState, string>> = {
  published: 'indigo',
  proof_rejected: 'orange',
  proof_verified: 'teal',
  invoiced: 'grape',
  paid: 'green',
  declined: 'red',
};

/** An order's state, named in this area's words. */
export function OrderStateBadge({ state }: { state: OrderState }) {
  const { t } = useTranslation('reports');
  return (
    <Badge color={ORDER_COLOR[state] ?? 'gray'} variant="light" tt="none" miw="max-content">
      {t(`orderState.${state}`)}
    </Badge>
  );
}

/** The whole of a bar, in the units its length is measured in (basis points). */
const WHOLE = 10_000;

/**
 * How much of an agreement's ceiling is used (held by open orders or paid), as a short bar and a
 * percentage; the bar's name says the same in words.
 */
export function UsedBar({ used, ceiling }: { used: string; ceiling: string }) {
  const { t } = useTranslation('reports');
  const basisPoints = basisPointsOf(used, ceiling);
  const share = formatBasisPoints(basisPoints);
  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end">
      <svg
        role="img"
        aria-label={t('agreements.usedBar', { share, used: formatRupiah(used), ceiling: formatRupiah(ceiling) })}
        viewBox={`0 0 ${WHOLE} 10`}
        preserveAspectRatio="none"
        width={64}
        height={8}
        style={{ display: 'block', borderRadius: 4, overflow: 'hidden', flex: 'none' }}
      >
        <rect x={0} y={0} width={WHOLE} height={10} fill="var(--mantine-color-gray-2)" />
        {basisPoints > 0 && <rect data-used x={0} y={0} width={basisPoints} height={10} fill={basisPoints >= 9_000 ? 'var(--mantine-color-orange-6)' : 'var(--mantine-color-blue-7)'} />}
      </svg>
      <Text span size="sm" w={56} ta="right">
        {share}
      </Text>
    </Group>
  );
}
