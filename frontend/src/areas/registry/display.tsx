import { Badge, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyStatus, PressCouncilStatus } from '../../api/types';
import { formatDay, hasExpired } from '../../format';

const STATUS_COLOR: Record<CompanyStatus, string> = { active: 'green', suspended: 'orange', blacklisted: 'red' };

export function CompanyStatusBadge({ status }: { status: CompanyStatus }) {
  const { t } = useTranslation('registry');
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" tt="none" miw="max-content">
      {t(`companyStatus.${status}`)}
    </Badge>
  );
}

/**
 * A dated standing with the Press Council: its status, and until when it holds, or that it has
 * lapsed, which makes it count for nothing in eligibility.
 */
export function Standing({ status, validUntil }: { status: PressCouncilStatus; validUntil: string | null }) {
  const { t } = useTranslation('registry');
  const expired = hasExpired(validUntil);
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm" td={expired ? 'line-through' : undefined}>
        {t(`pressCouncilStatus.${status}`)}
      </Text>
      {validUntil !== null &&
        (expired ? (
          <Badge color="red" variant="light" size="sm" tt="none" miw="max-content">
            {t('expiredOn', { day: formatDay(validUntil) })}
          </Badge>
        ) : (
          <Text size="xs" c="dimmed">
            {t('validUntil', { day: formatDay(validUntil) })}
          </Text>
        ))}
    </Stack>
  );
}

/** A record's facts, one labelled row each, as a table a screen reader reads row by row. */
export function FactTable({ label, rows }: { label: string; rows: readonly (readonly [string, ReactNode])[] }) {
  return (
    <Table aria-label={label} verticalSpacing={6}>
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th scope="row" fw={500} w="40%" style={{ verticalAlign: 'top' }}>
              {name}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
