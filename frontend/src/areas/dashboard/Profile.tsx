import { Card, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { unitLabel } from '../../api/units';
import type { Me } from '../../api/types';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Card withBorder padding="xs" component="section" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div" size="sm" mt={2}>
        {children}
      </Text>
    </Card>
  );
}

/** Who is signed in: organisation, role, unit, username, email and what the role may do. */
export function Profile({ me }: { me: Me }) {
  const { t } = useTranslation('dashboard');
  const titleId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={2} size="h5" id={titleId}>
          {t('profile')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs">
          <Fact label={t('organisation')}>{me.organisation.name}</Fact>
          <Fact label={t('role')}>{t(`roles.${me.role}`)}</Fact>
          <Fact label={t('unit')}>{me.unit ? unitLabel(me.unit) : t('noUnit')}</Fact>
          <Fact label={t('username')}>{me.username}</Fact>
          <Fact label={t('email')}>{me.email ?? t('noEmail')}</Fact>
          <Fact label={t('access')}>
            <List size="xs" spacing={0}>
              {me.permissions.map((permission) => (
                <List.Item key={permission}>{t(`permissions.${permission}`)}</List.Item>
              ))}
            </List>
          </Fact>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
