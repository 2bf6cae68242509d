import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDay, formatRupiah } from '../../format';
import { useYearParam } from './address';
import { sumOf } from './amounts';
import { AreaHeader, OrderStateBadge, YearSelect } from './display';
import { AGE_BANDS, ageBand, byAge, type AgeBand, type OwedItem } from './model';
import { owedQuery } from './queries';

const RIGHT = { textAlign: 'right', whiteSpace: 'nowrap' } as const;

/** Each band's colour: the row's background and its badge, which also says the band in words. */
const BAND_COLOR: Record<AgeBand, string | undefined> = { current: undefined, over30: 'yellow', over60: 'orange', over90: 'red' };

function AgeCell({ days }: { days: number }) {
  const { t } = useTranslation('finance');
  const band = ageBand(days);
  const color = BAND_COLOR[band];
  return (
    <Group gap={6} justify="flex-end" wrap="nowrap">
      <Text size="sm" fw={band === 'current' ? undefined : 600}>
        {t('days', { count: days })}
      </Text>
      {color && (
        <Badge color={color} variant="filled" size="sm" tt="none" miw="max-content">
          {t(`age.${band}`)}
        </Badge>
      )}
    </Group>
  );
}

function OwedRow({ item }: { item: OwedItem }) {
  const canReadProofs = useCan('proofs.read');
  const { t } = useTranslation('finance');
  const color = BAND_COLOR[ageBand(item.age_days)];
  return (
    <Table.Tr data-age={ageBand(item.age_days)} bg={color ? `var(--mantine-color-${color}-0)` : undefined}>
      <Table.Th scope="row" fw="normal">
        {canReadProofs ? (
          <Anchor component={Link} to={`/proofs/orders/${item.order_id}`}>
            {item.order_number}
          </Anchor>
        ) : (
          item.order_number
        )}
      </Table.Th>
      <Table.Td>{item.company_name}</Table.Td>
      <Table.Td>
        <OrderStateBadge state={item.state} />
      </Table.Td>
      <Table.Td>
        {item.invoice_id && item.invoice_number ? (
          <Anchor component={Link} to={`/finance/invoices/${item.invoice_id}`}>
            {item.invoice_number}
          </Anchor>
        ) : (
          <Text span size="sm" c="dimmed">
            {t('notInvoiced')}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={RIGHT}>{formatRupiah(item.amount.amount)}</Table.Td>
      <Table.Td>{formatDay(item.since)}</Table.Td>
      <Table.Td style={RIGHT}>
        <AgeCell days={item.age_days} />
      </Table.Td>
    </Table.Tr>
  );
}

/** How much is owed in each age band, so that the oldest debt is seen before the list is read. */
function Bands({ items }: { items: readonly OwedItem[] }) {
  const { t } = useTranslation('finance');
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} role="list" aria-label={t('owed.bandsLabel')}>
      {AGE_BANDS.map((band) => {
        const inBand = items.filter((item) => ageBand(item.age_days) === band);
        const color = BAND_COLOR[band];
        return (
          <Card key={band} withBorder padding="sm" role="listitem" bg={color && inBand.length > 0 ? `var(--mantine-color-${color}-0)` : undefined}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t(`owed.band.${band}`)}
            </Text>
            <Text fw={700}>{formatRupiah(sumOf(inBand.map((item) => item.amount.amount)))}</Text>
            <Text size="xs" c="dimmed">
              {t('orderCount', { count: inBand.length })}
            </Text>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}

/**
 * What is owed: published work of a fiscal year not yet paid (proven, invoiced or still waiting),
 * oldest first with its age in days, and the total. What a year's end must not lose.
 */
export function OwedPage() {
  const { t } = useTranslation('finance');
  const { year, setYear } = useYearParam();
  const owed = useQuery(owedQuery(year));
  const items = owed.data ? byAge(owed.data) : [];

  return (
    <Stack>
      <AreaHeader page="owed" />
      <Text size="sm" c="dimmed" maw={720}>
        {t('owed.explain')}
      </Text>
      <Group align="flex-end">
        <YearSelect value={year} onChange={setYear} />
      </Group>

      {owed.isPending && <PageLoader />}
      {owed.isError && <ErrorAlert error={owed.error} onRetry={() => void owed.refetch()} />}
      {owed.isSuccess && items.length === 0 && <Text c="dimmed">{t('owed.none', { year })}</Text>}
      {owed.isSuccess && items.length > 0 && (
        <>
          <Bands items={items} />
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label={t('owed.label', { year })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('col.order')}</Table.Th>
                  <Table.Th>{t('col.company')}</Table.Th>
                  <Table.Th>{t('col.state')}</Table.Th>
                  <Table.Th>{t('col.invoice')}</Table.Th>
                  <Table.Th style={RIGHT}>{t('col.owed')}</Table.Th>
                  <Table.Th>{t('col.since')}</Table.Th>
                  <Table.Th style={RIGHT}>{t('col.age')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <OwedRow key={item.order_id} item={item} />
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row" colSpan={4}>
                    {t('owed.total', { count: items.length })}
                  </Table.Th>
                  <Table.Td style={RIGHT} fw={700}>
                    {formatRupiah(sumOf(items.map((item) => item.amount.amount)))}
                  </Table.Td>
                  <Table.Td colSpan={2} />
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
