import { Anchor, Button, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { allUnitsQuery, unitLabel } from '../../api/units';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilterBar } from '../../components/FilterBar';
import { ListFooter } from '../../components/ListFooter';
import { formatRupiah } from '../../format';
import { usePagedList } from '../../hooks/usePagedList';
import { BUDGET_FILTERS, parseBudgetFilters } from './address';
import { sumOf } from './amounts';
import { AreaHeader, YearSelect } from './display';
import type { BudgetLine } from './model';
import { NewBudgetLineDialog } from './NewBudgetLineDialog';
import { budgetLinePagesQuery } from './queries';
import { RemainingChart, RemainingText } from './RemainingChart';

/** The figures of a line the list shows, in the order the DPA's columns read. */
const FIGURES = ['ceiling', 'allocated', 'committed', 'realised'] as const;

/** The year's budget lines with what is left of each, and a chart of what remains; treasurers adopt lines here. */
export function BudgetLinesPage() {
  const { t } = useTranslation('budget');
  const canManage = useCan('budget.manage');
  const canReadUnits = useCan('units.read');
  const list = usePagedList({ filters: BUDGET_FILTERS, query: (filters) => budgetLinePagesQuery(parseBudgetFilters(filters)) });
  const filters = parseBudgetFilters(list.filters);
  const year = filters.fiscal_year;
  const units = useQuery({ ...allUnitsQuery(), enabled: canReadUnits });
  const [adopting, setAdopting] = useState(false);
  const total = (figure: (typeof FIGURES)[number] | 'remaining') => formatRupiah(sumOf(list.items.map((line: BudgetLine) => line[figure].amount)));

  return (
    <Stack>
      <AreaHeader title={t('title')} intro={t('intro')} actions={canManage && <Button onClick={() => setAdopting(true)}>{t('create')}</Button>} />

      <FilterBar list={list}>
        <YearSelect value={year} onChange={(next) => list.setFilter('year', String(next))} />
        {canReadUnits && (
          <Select
            label={t('filter.unit')}
            placeholder={t('common.all')}
            clearable
            searchable
            disabled={units.isPending}
            data={(units.data ?? []).map((unit) => ({ value: unit.id, label: unitLabel(unit) }))}
            value={filters.unit_id ?? null}
            onChange={(value) => list.setFilter('unit', value)}
            w={320}
          />
        )}
      </FilterBar>

      {list.query.isError && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} />}

      {list.items.length > 0 && <RemainingChart lines={list.items} year={year} />}

      <Table.ScrollContainer minWidth={1080}>
        <Table striped highlightOnHover aria-label={t('listLabel', { year })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.unit')}</Table.Th>
              <Table.Th>{t('col.accountCode')}</Table.Th>
              <Table.Th>{t('col.name')}</Table.Th>
              {FIGURES.map((figure) => (
                <Table.Th key={figure} ta="right">
                  {t(`col.${figure}`)}
                </Table.Th>
              ))}
              <Table.Th ta="right">{t('col.remaining')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((line) => (
              <Table.Tr key={line.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {line.unit_code}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {line.unit_name}
                  </Text>
                </Table.Td>
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {line.account_code}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/budget/${line.id}`} size="sm" fw={500}>
                    {line.name}
                  </Anchor>
                  {line.revisions > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('revisedTimes', { count: line.revisions })}
                    </Text>
                  )}
                </Table.Td>
                {FIGURES.map((figure) => (
                  <Table.Td key={figure} ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatRupiah(line[figure].amount)}
                  </Table.Td>
                ))}
                <Table.Td ta="right">
                  <RemainingText line={line} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          {list.items.length > 1 && (
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row" colSpan={3}>
                  {list.query.hasNextPage ? t('totalShown', { count: list.items.length }) : t('total')}
                </Table.Th>
                {FIGURES.map((figure) => (
                  <Table.Td key={figure} ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {total(figure)}
                  </Table.Td>
                ))}
                <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {total('remaining')}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      </Table.ScrollContainer>

      <ListFooter query={list.query} count={list.items.length} />

      {adopting && (
        <NewBudgetLineDialog
          year={year}
          onClose={() => setAdopting(false)}
          onAdopted={(line) => {
            // The new line shows in its year's list.
            if (line.fiscal_year !== year) list.setFilter('year', String(line.fiscal_year));
          }}
        />
      )}
    </Stack>
  );
}
