import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/hooks';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={500} mt={4}>
        {children}
      </Text>
    </Card>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <Stack>
      <Title order={1}>{t('dashboard.welcome', { name: me.full_name })}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Fact label={t('dashboard.organisation')}>{me.organisation.name}</Fact>
        <Fact label={t('dashboard.role')}>{t(`roles.${me.role}`)}</Fact>
        <Fact label={t('dashboard.unit')}>{me.unit ? `${me.unit.code} — ${me.unit.name}` : t('dashboard.noUnit')}</Fact>
        <Fact label={t('dashboard.username')}>{me.username}</Fact>
        <Fact label={t('dashboard.email')}>{me.email ?? t('dashboard.noEmail')}</Fact>
        <Fact label={t('dashboard.permissions')}>{t('dashboard.permissionsCount', { count: me.permissions.length })}</Fact>
      </SimpleGrid>
    </Stack>
  );
}
