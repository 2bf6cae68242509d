import { Anchor, Badge, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ExpiringDocument } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListFooter } from '../../components/ListFooter';
import { formatDay } from '../../format';
import { useLabel } from '../../hooks/useLabel';
import { useAddressParam } from './address';
import { AreaHeader, StateBadge } from './display';
import { currentPolicyQuery, expiringPagesQuery } from './queries';

/** How far ahead the list looks, in days; expired documents are always listed. */
const HORIZONS = [7, 30, 90] as const;
const DEFAULT_HORIZON = 30;

function horizonOf(text: string | null): number {
  return HORIZONS.find((days) => String(days) === text) ?? DEFAULT_HORIZON;
}

/** How long a document has left, or since when it no longer counts. */
function TimeLeft({ item }: { item: ExpiringDocument }) {
  const { t } = useTranslation('applications');
  const days = item.days_left;
  if (days < 0) {
    return (
      <Badge color="red" variant="light" tt="none" miw="max-content">
        {t('expiring.expiredAgo', { count: -days })}
      </Badge>
    );
  }
  return (
    <Badge color={days <= 7 ? 'orange' : 'yellow'} variant="light" tt="none" miw="max-content">
      {days === 0 ? t('expiring.lastDay') : t('expiring.daysLeft', { count: days })}
    </Badge>
  );
}

/**
 * The documents of live applications that expire soon, the expired first: a certificate that
 * runs out before approval blocks it, so officers ask for the renewed one in time.
 */
export function ExpiringPage() {
  const { t } = useTranslation('applications');
  const label = useLabel();
  const param = useAddressParam('within');
  const within = horizonOf(param.value);
  const documents = useInfiniteQuery(expiringPagesQuery(within));
  const items = documents.data?.pages.flatMap((page) => page.items) ?? [];
  // A document names its requirement by code; each year's policy in force names it.
  const canReadPolicy = useCan('policy.read');
  const years = [...new Set(items.map((item) => item.fiscal_year))];
  const policies = useQueries({ queries: years.map((year) => ({ ...currentPolicyQuery(year), enabled: canReadPolicy })) });
  const requirementName = (item: ExpiringDocument) => {
    const policy = policies[years.indexOf(item.fiscal_year)]?.data;
    const requirement = policy?.policy.requirements.find((candidate) => candidate.code === item.document.requirement);
    return requirement ? label(requirement.label) : item.document.requirement;
  };

  return (
    <Stack>
      <AreaHeader page="expiring" />
      <Group align="flex-end" justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          {t('expiring.intro')}
        </Text>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="expiring-within">
            {t('expiring.within')}
          </Text>
          <SegmentedControl
            aria-labelledby="expiring-within"
            value={String(within)}
            onChange={param.set}
            data={HORIZONS.map((days) => ({ value: String(days), label: t('expiring.days', { count: days }) }))}
          />
        </Stack>
      </Group>

      {documents.isError && <ErrorAlert error={documents.error} onRetry={() => void documents.refetch()} />}

      <Table.ScrollContainer minWidth={860}>
        <Table striped aria-label={t('page.expiring')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('expiring.colDocument')}</Table.Th>
              <Table.Th>{t('col.outlet')}</Table.Th>
              <Table.Th>{t('col.company')}</Table.Th>
              <Table.Th>{t('col.state')}</Table.Th>
              <Table.Th>{t('expiring.colExpires')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.document.id}>
                <Table.Td>
                  <Text size="sm">{requirementName(item)}</Text>
                  <Text size="xs" c="dimmed">
                    {item.document.file_name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/applications/${item.document.application_id}`} fw={500}>
                    {item.outlet_name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t('yearShort', { year: item.fiscal_year })}
                  </Text>
                </Table.Td>
                <Table.Td>{item.company_name}</Table.Td>
                <Table.Td>
                  <StateBadge state={item.application_state} />
                </Table.Td>
                <Table.Td>
                  <Stack gap={2} align="flex-start">
                    {item.document.expires_on && <Text size="sm">{formatDay(item.document.expires_on)}</Text>}
                    <TimeLeft item={item} />
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ListFooter query={documents} count={items.length} />
    </Stack>
  );
}
