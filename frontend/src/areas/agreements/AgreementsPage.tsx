import { Anchor, Button, Select, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { agreementStateValues } from '../../api/schema';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { ListFooter } from '../../components/ListFooter';
import { formatDay, formatRupiah } from '../../format';
import { usePagedList } from '../../hooks/usePagedList';
import { AGREEMENT_FILTERS, parseAgreementFilters } from './address';
import { PageHeader, StateBadge, YearSelect } from './display';
import { agreementPagesQuery } from './queries';

/** A fiscal year's agreements, filtered as the address says; officers draft new ones from here. */
export function AgreementsPage() {
  const { t } = useTranslation('agreements');
  const canManage = useCan('agreements.manage');
  const list = usePagedList({ filters: AGREEMENT_FILTERS, query: (filters) => agreementPagesQuery(parseAgreementFilters(filters)) });
  const filters = parseAgreementFilters(list.filters);
  const year = filters.fiscal_year;

  return (
    <Stack>
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          canManage && (
            <Button component={Link} to={`/agreements/new?year=${year}`}>
              {t('create.open')}
            </Button>
          )
        }
      />

      <FilterBar list={list}>
        <YearSelect value={year} onChange={(next) => list.setFilter('year', String(next))} />
        <Select
          label={t('filter.state')}
          placeholder={t('common.all')}
          clearable
          data={agreementStateValues.map((state) => ({ value: state, label: t(`state.${state}`) }))}
          value={filters.state ?? null}
          onChange={(value) => list.setFilter('state', value)}
          w={220}
        />
      </FilterBar>

      {list.query.isError && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} />}

      <Table.ScrollContainer minWidth={1040}>
        <Table striped highlightOnHover aria-label={t('listLabel', { year })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.number')}</Table.Th>
              <Table.Th>{t('col.outlet')}</Table.Th>
              <Table.Th>{t('col.state')}</Table.Th>
              <Table.Th>{t('col.period')}</Table.Th>
              <Table.Th ta="right">{t('col.ceiling')}</Table.Th>
              <Table.Th ta="right">{t('col.remaining')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((agreement) => (
              <Table.Tr key={agreement.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/agreements/${agreement.id}`} fw={500} size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {agreement.number}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t(`kind.${agreement.kind}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{agreement.outlet_name}</Text>
                  <Text size="xs" c="dimmed">
                    {agreement.company_name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StateBadge state={agreement.state} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{t('period', { from: formatDay(agreement.starts_on), until: formatDay(agreement.ends_on) })}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatRupiah(agreement.ceiling.amount)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatRupiah(agreement.remaining.amount)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={list.query} count={list.items.length} />
    </Stack>
  );
}
