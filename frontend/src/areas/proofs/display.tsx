import { Badge, Group, Select, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { jakartaYear } from '../../format';
import { isFiscalYear } from './address';
import type { OrderState, ProofKind, ProofStatus } from './model';

const ORDER_COLOR: Record<OrderState, string> = {
  issued: 'gray',
  accepted: 'blue',
  declined: 'gray',
  published: 'indigo',
  proof_verified: 'teal',
  proof_rejected: 'orange',
  invoiced: 'grape',
  paid: 'green',
  cancelled: 'dark',
};

export function OrderStateBadge({ state, size }: { state: OrderState; size?: string }) {
  const { t } = useTranslation('proofs');
  return (
    <Badge color={ORDER_COLOR[state]} variant="light" tt="none" miw="max-content" size={size}>
      {t(`orderState.${state}`)}
    </Badge>
  );
}

const STATUS_COLOR: Record<ProofStatus, string> = { pending: 'yellow', verified: 'green', rejected: 'red' };

export function ProofStatusBadge({ status }: { status: ProofStatus }) {
  const { t } = useTranslation('proofs');
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" tt="none" miw="max-content">
      {t(`status.${status}`)}
    </Badge>
  );
}

export function ProofKindBadge({ kind }: { kind: ProofKind }) {
  const { t } = useTranslation('proofs');
  return (
    <Badge color="gray" variant="outline" tt="none" miw="max-content">
      {t(`kind.${kind}`)}
    </Badge>
  );
}

/** A labelled value in a record's summary. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/**
 * A fiscal year to narrow a list to, or every year (proofs handed in at a year's end are reviewed
 * in the next): the years around the one in progress, and the year already shown.
 */
export function YearFilter({ value, onChange }: { value: number | undefined; onChange: (year: string | null) => void }) {
  const { t } = useTranslation('proofs');
  const now = jakartaYear();
  const years = [...new Set([now, now - 1, now - 2, ...(value === undefined ? [] : [value])])].filter(isFiscalYear).sort((a, b) => b - a);
  return (
    <Select
      label={t('fiscalYear')}
      placeholder={t('allYears')}
      clearable
      w={170}
      data={years.map((year) => ({ value: String(year), label: String(year) }))}
      value={value === undefined ? null : String(value)}
      onChange={onChange}
    />
  );
}

/** The area's heading with the page's own actions beside it. */
export function AreaHeader({ title, intro, actions }: { title: ReactNode; intro?: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        <Title order={1}>{title}</Title>
        {intro && (
          <Text c="dimmed" size="sm" mt={4} maw={720}>
            {intro}
          </Text>
        )}
      </div>
      {actions}
    </Group>
  );
}
