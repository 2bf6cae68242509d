import { Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { unitLabel } from '../../api/units';
import { useMe } from '../../auth/hooks';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div" size="lg" fw={500} mt={4}>
        {children}
      </Text>
    </Card>
  );
}

export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <Stack>
      <Title order={1}>{t('welcome', { name: me.full_name })}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Fact label={t('organisation')}>{me.organisation.name}</Fact>
        <Fact label={t('role')}>{t(`roles.${me.role}`)}</Fact>
        <Fact label={t('unit')}>{me.unit ? unitLabel(me.unit) : t('noUnit')}</Fact>
        <Fact label={t('username')}>{me.username}</Fact>
        <Fact label={t('email')}>{me.email ?? t('noEmail')}</Fact>
        <Fact label={t('access')}>
          <List size="sm" spacing={2}>
            {me.permissions.map((permission) => (
              <List.Item key={permission}>{t(`permissions.${permission}`)}</List.Item>
            ))}
          </List>
        </Fact>
      </SimpleGrid>
    </Stack>
  );
}
