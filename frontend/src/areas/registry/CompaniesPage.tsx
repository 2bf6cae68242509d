import { Anchor, Button, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { companyStatusValues, mediaTypeValues, pressCouncilStatusValues } from '../../api/schema';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { ListFooter } from '../../components/ListFooter';
import { usePagedList, useSearchFilter } from '../../hooks/usePagedList';
import { COMPANY_FILTERS, parseCompanyFilters } from './address';
import { CompanyFormDialog } from './CompanyFormDialog';
import { CompanyStatusBadge, Standing } from './display';
import { companyPagesQuery } from './queries';
import { RegistryHeader } from './RegistryHeader';

/** The press companies of the region, filtered as the address says. */
export function CompaniesPage() {
  const { t } = useTranslation('registry');
  // Everyone who reads the registry sees the list; only those who manage it can add to it.
  const canManage = useCan('registry.manage');
  const companies = usePagedList({ filters: COMPANY_FILTERS, query: (filters) => companyPagesQuery(parseCompanyFilters(filters)) });
  const search = useSearchFilter(companies, 'q');
  const [creating, setCreating] = useState(false);
  const options = (prefix: string, values: readonly string[]) => values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

  return (
    <Stack>
      <RegistryHeader list="companies" actions={canManage && <Button onClick={() => setCreating(true)}>{t('companyCreate')}</Button>} />

      <FilterBar list={companies}>
        <TextInput label={t('filter.companyName')} type="search" w={260} {...search} />
        <Select
          label={t('filter.status')}
          placeholder={t('common.all')}
          clearable
          data={options('companyStatus', companyStatusValues)}
          value={companies.filters.status ?? null}
          onChange={(value) => companies.setFilter('status', value)}
          w={190}
        />
        <Select
          label={t('filter.mediaType')}
          placeholder={t('common.all')}
          clearable
          data={options('mediaType', mediaTypeValues)}
          value={companies.filters.media_type ?? null}
          onChange={(value) => companies.setFilter('media_type', value)}
          w={170}
        />
        <Select
          label={t('filter.pressCouncil')}
          placeholder={t('common.all')}
          clearable
          data={options('pressCouncilStatus', pressCouncilStatusValues)}
          value={companies.filters.press_council_status ?? null}
          onChange={(value) => companies.setFilter('press_council_status', value)}
          w={230}
        />
      </FilterBar>

      {companies.query.isError && <ErrorAlert error={companies.query.error} onRetry={() => void companies.query.refetch()} />}

      <Table.ScrollContainer minWidth={860}>
        <Table striped highlightOnHover aria-label={t('list.companies')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.legalName')}</Table.Th>
              <Table.Th>{t('col.legalForm')}</Table.Th>
              <Table.Th>{t('col.npwp')}</Table.Th>
              <Table.Th>{t('col.status')}</Table.Th>
              <Table.Th>{t('col.pressCouncil')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {companies.items.map((company) => (
              <Table.Tr key={company.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/registry/companies/${company.id}`} fw={500}>
                    {company.legal_name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`legalForm.${company.legal_form}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {company.npwp_printed}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <CompanyStatusBadge status={company.status} />
                </Table.Td>
                <Table.Td>
                  <Standing status={company.press_council_status} validUntil={company.press_council_valid_until} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={companies.query} count={companies.items.length} />

      {creating && <CompanyFormDialog onClose={() => setCreating(false)} />}
    </Stack>
  );
}
