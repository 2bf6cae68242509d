import { AppShell, Badge, Burger, Button, Center, Divider, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { api } from '../api/client';
import { SHELL_AREAS, type NavGroup, type ShellArea } from '../areas/registry';
import { holds, useMe } from '../auth/hooks';
import { ErrorAlert } from '../components/ErrorAlert';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageLoader } from '../components/PageLoader';

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const me = useMe();

  if (me.isPending) return <PageLoader fullScreen />;
  if (me.isError) {
    return (
      <Center h="100vh" p="md">
        <ErrorAlert title={t('shell.loadFailed')} error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  }

  const user = me.data;
  // The navigation shows only the areas this user may open.
  const allowed = SHELL_AREAS.filter((area) => area.permission === undefined || holds(user, area.permission));
  const group = (name: NavGroup) => allowed.filter((area) => area.nav.group === name);
  const administration = group('administration');
  const isActive = (to: string) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`));
  const link = (area: ShellArea) => (
    <NavLink key={area.name} component={RouterNavLink} to={area.path} label={t(area.nav.label)} active={isActive(area.path)} onClick={close} />
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
        {group('main').map(link)}
        {administration.length > 0 && (
          <>
            <Divider my="xs" label={t('nav.administration')} labelPosition="left" />
            {administration.map(link)}
          </>
        )}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
