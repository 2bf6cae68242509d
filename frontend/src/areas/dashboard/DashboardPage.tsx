import { Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { holds, useMe } from '../../auth/hooks';
import { useDashboardYear } from './address';
import { YearSelect } from './display';
import { Headline } from './Headline';
import { OwedByAge } from './OwedByAge';
import { Profile } from './Profile';
import { RemainingBudget } from './RemainingBudget';
import { SpendPerMonth } from './SpendPerMonth';
import { SpendPerOutlet } from './SpendPerOutlet';
import { SpendPerTier } from './SpendPerTier';

/**
 * The home page: for the fiscal year picked (kept in the address), what was spent per month,
 * per outlet and per tier, what remains of each budget line and what is owed by age, each shown only to those
 * whose role may read it; and, below, who is signed in.
 */
export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const { data: me } = useMe();
  const { year, setYear } = useDashboardYear();
  if (!me) return null;
  const can = {
    reports: holds(me, 'reports.read'),
    budget: holds(me, 'budget.read'),
    finance: holds(me, 'finance.read'),
  };
  const anything = can.reports || can.budget || can.finance;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('welcome', { name: me.full_name })}</Title>
          {anything && (
            <Text c="dimmed" size="sm" mt={4} maw={720}>
              {t('intro', { year })}
            </Text>
          )}
        </div>
        {anything && <YearSelect value={year} onChange={setYear} />}
      </Group>
      {(can.budget || can.finance) && <Headline year={year} budget={can.budget} finance={can.finance} />}
      {anything && (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {can.reports && <SpendPerMonth year={year} />}
          {can.reports && <SpendPerOutlet year={year} />}
          {can.reports && <SpendPerTier year={year} />}
          {can.budget && <RemainingBudget year={year} />}
          {can.finance && <OwedByAge year={year} />}
        </SimpleGrid>
      )}
      <Profile me={me} />
    </Stack>
  );
}
