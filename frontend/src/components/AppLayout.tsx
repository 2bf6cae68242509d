import { AppShell, Badge, Burger, Button, Center, Divider, Group, Loader, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { api } from '../api/client';
import { AREAS } from '../areas';
import { useMe } from '../auth/hooks';
import { ErrorAlert } from './ErrorAlert';
import { LanguageSwitch } from './LanguageSwitch';

interface Item {
  to: string;
  label: string;
}

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const me = useMe();

  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Center h="100vh" p="md">
        <ErrorAlert title={t('shell.loadFailed')} error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  }

  const user = me.data;
  const areas: Item[] = [{ to: '/', label: t('nav.dashboard') }, ...AREAS.map((a) => ({ to: `/${a}`, label: t(`nav.${a}`) }))];
  const admin: Item[] = [
    ...(user.permissions.includes('users.manage') ? [{ to: '/users', label: t('nav.users') }] : []),
    ...(user.permissions.includes('audit.read') ? [{ to: '/audit', label: t('nav.audit') }] : []),
  ];
  const isActive = (to: string) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`));
  const link = (item: Item) => (
    <NavLink key={item.to} component={RouterNavLink} to={item.to} label={item.label} active={isActive(item.to)} onClick={close} />
  );

  // Clears the session at once (RequireAuth then shows the login page); the server call that
  // revokes the refresh token finishes in the background.
  const logout = () => void api.logout();

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap" gap="sm" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text fw={700} c="blue.8">
              {t('app.name')}
            </Text>
            <Text c="dimmed" size="sm" truncate visibleFrom="xs">
              {user.organisation.name}
            </Text>
          </Group>
          <Group wrap="nowrap" gap="sm">
            <Stack gap={0} align="flex-end" visibleFrom="sm">
              <Text size="sm" fw={500}>
                {user.full_name}
              </Text>
              <Badge size="xs" variant="light">
                {t(`roles.${user.role}`)}
              </Badge>
            </Stack>
            <LanguageSwitch />
            <Button variant="default" size="xs" onClick={logout}>
              {t('header.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        {areas.map(link)}
        {admin.length > 0 && (
          <>
            <Divider my="xs" label={t('nav.administration')} labelPosition="left" />
            {admin.map(link)}
          </>
        )}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
