import { Alert, Anchor, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { z } from 'zod';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { limits } from '../../api/limits';
import { useSession } from '../../auth/hooks';
import type { LoginState } from '../../auth/RequireAuth';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageLoader } from '../../components/PageLoader';
import { useApiForm } from '../../hooks/useApiForm';

const loginLimits = limits.LoginRequest;

const loginSchema = z.object({
  username: z.string().trim().min(loginLimits.username.minLength, 'fieldError.required'),
  password: z.string().min(loginLimits.password.minLength, 'fieldError.required'),
});

/** Only same-app paths: never send the user to another site after login. */
function safeTarget(state: unknown): string {
  const from = (state as LoginState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation('session');
  const location = useLocation();
  const { signedIn, restoring, endReason } = useSession();
  const login = useApiForm({
    schema: loginSchema,
    defaultValues: { username: '', password: '' },
    // Without `refresh_token_delivery`: the server then keeps the refresh token in its HttpOnly
    // cookie, out of reach of any script on the page.
    send: ({ username, password }) => unwrap(api.client.POST('/api/v1/auth/login', { body: { username, password } })),
    onSuccess: (pair) => {
      api.acceptTokens(pair);
    },
  });

  // A session a reload (or another tab) left is being renewed: its answer decides what to show.
  if (restoring) return <PageLoader fullScreen />;
  if (signedIn) return <Navigate to={safeTarget(location.state)} replace />;

  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
          <form noValidate onSubmit={login.submit}>
            <Stack>
              <div>
                <Title order={1} size="h2">
                  {t('title')}
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  {t('subtitle')}
                </Text>
              </div>
              {login.formError ? (
                <Alert color="red" role="alert" title={t('failed')}>
                  {login.formError}
                </Alert>
              ) : endReason === 'expired' ? (
                <Alert color="yellow">{t('sessionExpired')}</Alert>
              ) : endReason === 'logout' ? (
                <Alert color="gray">{t('loggedOut')}</Alert>
              ) : null}
              <TextInput
                label={t('username')}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus
                error={login.fieldError('username')}
                {...login.form.register('username')}
              />
              <PasswordInput
                label={t('password')}
                autoComplete="current-password"
                error={login.fieldError('password')}
                {...login.form.register('password')}
              />
              <Button type="submit" loading={login.pending} fullWidth>
                {t('submit')}
              </Button>
              <Anchor component={Link} to="/public" size="sm" ta="center">
                {t('publicPage')}
              </Anchor>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
