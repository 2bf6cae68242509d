import { Card, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBasisPoints, formatRupiah } from '../../format';
import { basisPointsOf } from './amounts';
import { budgetTotals, LINE_FIGURES, owedByAge } from './model';
import { budgetLinesQuery, owedQuery } from './queries';

/** One headline figure: its name, the amount once read, and a line below it. */
function Figure<T>({ label, query, amount, note }: { label: string; query: UseQueryResult<T>; amount: (data: T) => string; note?: (data: T) => ReactNode }) {
  const { t } = useTranslation('dashboard');
  return (
    <Card withBorder padding="sm" role="listitem">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {query.isPending && <Skeleton h={24} mt={4} />}
      {query.isError && (
        <Text size="sm" c="dimmed" mt={4}>
          {t('headline.unavailable')}
        </Text>
      )}
      {query.isSuccess && (
        <>
          <Text size="lg" fw={700} style={{ whiteSpace: 'nowrap' }}>
            {formatRupiah(amount(query.data))}
          </Text>
          {note && (
            <Text size="xs" c="dimmed">
              {note(query.data)}
            </Text>
          )}
        </>
      )}
    </Card>
  );
}

/**
 * The year's figures at a glance: the budget's ceiling, what was paid, what open orders hold and
 * what remains (for those who may read the budget), and what is owed (for those who may read
 * finance). What could not be read says so; its card below says why.
 */
export function Headline({ year, budget, finance }: { year: number; budget: boolean; finance: boolean }) {
  const { t } = useTranslation('dashboard');
  const lines = useQuery({ ...budgetLinesQuery(year), enabled: budget });
  const owed = useQuery({ ...owedQuery(year), enabled: finance });
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: budget && finance ? 5 : 4 }} role="list" aria-label={t('headline.label', { year })}>
      {budget &&
        LINE_FIGURES.map((figure) => (
          <Figure
            key={figure}
            label={t(`headline.${figure}`)}
            query={lines}
            amount={(data) => budgetTotals(data.lines)[figure]}
            note={
              figure === 'ceiling'
                ? (data) => t('headline.lines', { count: data.lines.length })
                : (data) => {
                    const totals = budgetTotals(data.lines);
                    return t('headline.ofCeiling', { share: formatBasisPoints(basisPointsOf(totals[figure], totals.ceiling)) });
                  }
            }
          />
        ))}
      {finance && (
        <Figure
          label={t('headline.owed')}
          query={owed}
          amount={(items) => owedByAge(items).total.amount}
          note={(items) => {
            const { total, late } = owedByAge(items);
            return t('headline.owedNote', { orders: t('owed.orders', { count: total.count }), late: t('headline.late', { count: late.count }) });
          }}
        />
      )}
    </SimpleGrid>
  );
}
