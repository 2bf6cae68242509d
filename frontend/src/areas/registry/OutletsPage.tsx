import { Anchor, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { mediaTypeValues } from '../../api/schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { ListFooter } from '../../components/ListFooter';
import { usePagedList, useSearchFilter } from '../../hooks/usePagedList';
import { OUTLET_FILTERS, parseOutletFilters } from './address';
import { allCompaniesQuery, outletPagesQuery } from './queries';
import { RegistryHeader } from './RegistryHeader';

/** Every outlet of every company, filtered as the address says; outlets are registered on their company's page. */
export function OutletsPage() {
  const { t } = useTranslation('registry');
  const outlets = usePagedList({ filters: OUTLET_FILTERS, query: (filters) => outletPagesQuery(parseOutletFilters(filters)) });
  const search = useSearchFilter(outlets, 'q');
  // Outlets name their company by id only: the companies, read once, name them and fill the filter.
  const companies = useQuery(allCompaniesQuery());
  const companyName = (id: string) => companies.data?.find((company) => company.id === id)?.legal_name;

  return (
    <Stack>
      <RegistryHeader list="outlets" />
      <Text size="sm" c="dimmed" maw={720}>
        {t('outletsListIntro')}
      </Text>

      <FilterBar list={outlets}>
        <TextInput label={t('filter.outletName')} type="search" w={240} {...search} />
        <Select
          label={t('filter.mediaType')}
          placeholder={t('common.all')}
          clearable
          data={mediaTypeValues.map((type) => ({ value: type, label: t(`mediaType.${type}`) }))}
          value={outlets.filters.media_type ?? null}
          onChange={(value) => outlets.setFilter('media_type', value)}
          w={170}
        />
        <Select
          label={t('filter.company')}
          placeholder={t('common.all')}
          clearable
          searchable
          disabled={companies.isPending}
          data={(companies.data ?? []).map((company) => ({ value: company.id, label: company.legal_name }))}
          value={outlets.filters.company ?? null}
          onChange={(value) => outlets.setFilter('company', value)}
          w={300}
        />
      </FilterBar>

      {outlets.query.isError && <ErrorAlert error={outlets.query.error} onRetry={() => void outlets.query.refetch()} />}

      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover aria-label={t('list.outlets')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.outletName')}</Table.Th>
              <Table.Th>{t('col.mediaType')}</Table.Th>
              <Table.Th>{t('col.company')}</Table.Th>
              <Table.Th>{t('col.scale')}</Table.Th>
              <Table.Th>{t('col.periodicity')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {outlets.items.map((outlet) => (
              <Table.Tr key={outlet.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/registry/outlets/${outlet.id}`} fw={500}>
                    {outlet.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`mediaType.${outlet.media_type}`)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/registry/companies/${outlet.company_id}`} size="sm">
                    {companyName(outlet.company_id) ?? t('companyUnnamed')}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`outletScale.${outlet.scale}`)}</Table.Td>
                <Table.Td>{t(`periodicity.${outlet.periodicity}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={outlets.query} count={outlets.items.length} />
    </Stack>
  );
}
