import { Badge, Group, Tabs, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { InvoiceState, OrderState } from './model';
import { YearSelect as SharedYearSelect } from '../../components/YearSelect';

const INVOICE_COLOR: Record<InvoiceState, string> = { received: 'blue', accepted: 'teal', paid: 'green' };

export function InvoiceStateBadge({ state, size }: { state: InvoiceState; size?: string }) {
  const { t } = useTranslation('finance');
  return (
    <Badge color={INVOICE_COLOR[state]} variant="light" tt="none" miw="max-content" size={size}>
      {t(`invoiceState.${state}`)}
    </Badge>
  );
}

const ORDER_COLOR: Partial<Record<OrderState, string>> = {
  published: 'indigo',
  proof_rejected: 'orange',
  proof_verified: 'teal',
  invoiced: 'grape',
  paid: 'green',
};

export function OrderStateBadge({ state }: { state: OrderState }) {
  const { t } = useTranslation('finance');
  return (
    <Badge color={ORDER_COLOR[state] ?? 'gray'} variant="light" tt="none" miw="max-content">
      {t(`orderState.${state}`)}
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

/** A yes or no, in words. */
export function YesNo({ value }: { value: boolean }) {
  const { t } = useTranslation('finance');
  return <>{t(value ? 'yes' : 'no')}</>;
}

/** The area's pages reached from its heading; an invoice is reached from the list. */
const PAGES = [
  ['invoices', '/finance'],
  ['owed', '/finance/owed'],
] as const;
type PageName = (typeof PAGES)[number][0];

/** The area's heading, the switch between its pages, and the page's own actions. */
export function AreaHeader({ page, actions }: { page: PageName; actions?: ReactNode }) {
  const { t } = useTranslation('finance');
  const navigate = useNavigate();
  return (
    <>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('title')}</Title>
          <Text c="dimmed" size="sm" mt={4} maw={720}>
            {t('intro')}
          </Text>
        </div>
        {actions}
      </Group>
      <Tabs
        value={page}
        onChange={(next) => {
          const target = PAGES.find(([name]) => name === next);
          if (target) void navigate(target[1]);
        }}
      >
        <Tabs.List>
          {PAGES.map(([name]) => (
            <Tabs.Tab key={name} value={name}>
              {t(`page.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
    </>
  );
}

/** The fiscal year picker, labelled in this area's words. */
export function YearSelect(props: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('finance');
  return <SharedYearSelect label={t('fiscalYear')} {...props} />;
}
