import { Alert, Anchor, Button, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { applicationStateValues } from '../../api/schema';
import type { Application } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { ListFooter } from '../../components/ListFooter';
import { formatDay, jakartaToday } from '../../format';
import { useLabel } from '../../hooks/useLabel';
import { usePagedList } from '../../hooks/usePagedList';
import { APPLICATION_FILTERS, parseApplicationFilters } from './address';
import { AreaHeader, StateBadge, YearSelect } from './display';
import { NewApplicationDialog } from './NewApplicationDialog';
import { applicationPagesQuery, companiesQuery, currentPolicyQuery, windowsQuery } from './queries';

/** Whether the year takes applications today, which is when new ones can be opened and drafts submitted. */
function WindowNotice({ year }: { year: number }) {
  const { t } = useTranslation('applications');
  const windows = useQuery(windowsQuery(year));
  if (!windows.data) return null;
  const open = windows.data.find((window) => window.open);
  return (
    <Alert color={open ? 'green' : 'gray'} role="status" aria-label={t('windowNotice')}>
      <Text size="sm">
        {open
          ? t('windowOpen', { year, from: formatDay(open.opens_on), until: formatDay(open.closes_on) })
          : t('windowClosed', { year })}{' '}
        <Anchor component={Link} to={`/applications/windows?year=${year}`} size="sm">
          {t('windowsLink')}
        </Anchor>
      </Text>
    </Alert>
  );
}

/** The day an instant fell on in Jakarta, as dates are shown. */
function jakartaDay(instant: string): string {
  return formatDay(jakartaToday(new Date(instant)));
}

function TierCell({ application, tierName }: { application: Application; tierName: (code: string) => string }) {
  const { t } = useTranslation('applications');
  if (!application.score) {
    return (
      <Text size="sm" c="dimmed">
        {t('common.none')}
      </Text>
    );
  }
  return (
    <>
      <Text size="sm">{tierName(application.score.tier)}</Text>
      <Text size="xs" c="dimmed">
        {t('points', { count: application.score.points })}
      </Text>
    </>
  );
}

/** Every application of a fiscal year, filtered as the address says; officers open new ones here. */
export function ApplicationsPage() {
  const { t } = useTranslation('applications');
  const label = useLabel();
  const canManage = useCan('applications.manage');
  const canReadRegistry = useCan('registry.read');
  const canReadPolicy = useCan('policy.read');
  const list = usePagedList({ filters: APPLICATION_FILTERS, query: (filters) => applicationPagesQuery(parseApplicationFilters(filters)) });
  const filters = parseApplicationFilters(list.filters);
  const year = filters.fiscal_year;
  const companies = useQuery({ ...companiesQuery(), enabled: canReadRegistry });
  // Scores name their tier by code; the year's policy names the tiers.
  const policy = useQuery({ ...currentPolicyQuery(year), enabled: canReadPolicy });
  const tierName = (code: string) => {
    const tier = policy.data?.policy.tiers.find((candidate) => candidate.code === code);
    return tier ? label(tier.label) : code;
  };
  const [creating, setCreating] = useState(false);

  return (
    <Stack>
      <AreaHeader page="list" actions={canManage && <Button onClick={() => setCreating(true)}>{t('create')}</Button>} />
      <WindowNotice year={year} />

      <FilterBar list={list}>
        <YearSelect value={year} onChange={(next) => list.setFilter('year', String(next))} />
        <Select
          label={t('filter.state')}
          placeholder={t('common.all')}
          clearable
          data={applicationStateValues.map((state) => ({ value: state, label: t(`state.${state}`) }))}
          value={filters.state ?? null}
          onChange={(value) => list.setFilter('state', value)}
          w={220}
        />
        {canReadRegistry && (
          <Select
            label={t('filter.company')}
            placeholder={t('common.all')}
            clearable
            searchable
            disabled={companies.isPending}
            data={(companies.data ?? []).map((company) => ({ value: company.id, label: company.legal_name }))}
            value={filters.company_id ?? null}
            onChange={(value) => list.setFilter('company', value)}
            w={300}
          />
        )}
      </FilterBar>

      {list.query.isError && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} />}

      <Table.ScrollContainer minWidth={820}>
        <Table striped highlightOnHover aria-label={t('listLabel', { year })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.outlet')}</Table.Th>
              <Table.Th>{t('col.company')}</Table.Th>
              <Table.Th>{t('col.state')}</Table.Th>
              <Table.Th>{t('col.tier')}</Table.Th>
              <Table.Th>{t('col.submitted')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((application) => (
              <Table.Tr key={application.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/applications/${application.id}`} fw={500}>
                    {application.outlet_name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t(`mediaType.${application.media_type}`)}
                  </Text>
                </Table.Td>
                <Table.Td>{application.company_name}</Table.Td>
                <Table.Td>
                  <StateBadge state={application.state} />
                </Table.Td>
                <Table.Td>
                  <TierCell application={application} tierName={tierName} />
                </Table.Td>
                <Table.Td>
                  {application.submitted_at ? (
                    jakartaDay(application.submitted_at)
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('notSubmitted')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={list.query} count={list.items.length} />

      {creating && <NewApplicationDialog year={year} onClose={() => setCreating(false)} />}
    </Stack>
  );
}
