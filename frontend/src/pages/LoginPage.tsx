import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { z } from 'zod';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import { applyFieldErrors, problemMessage } from '../api/problem';
import { useSession } from '../auth/hooks';
import type { LoginState } from '../auth/RequireAuth';
import { LanguageSwitch } from '../components/LanguageSwitch';

const loginSchema = z.object({
  username: z.string().trim().min(1, 'fieldError.required'),
  password: z.string().min(1, 'fieldError.required'),
});
type LoginValues = z.infer<typeof loginSchema>;

/** Only same-app paths: never send the user to another site after login. */
function safeTarget(state: unknown): string {
  const from = (state as LoginState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const { signedIn, endReason } = useSession();
  const form = useForm<LoginValues>({ resolver: zodResolver(loginSchema), defaultValues: { username: '', password: '' } });
  const login = useMutation({
    mutationFn: (body: LoginValues) => unwrap(api.client.POST('/api/v1/auth/login', { body })),
    onSuccess: (pair) => api.acceptTokens(pair),
    onError: (error) => applyFieldErrors(error, form.setError, { fields: ['username', 'password'] }),
  });

  if (signedIn) return <Navigate to={safeTarget(location.state)} replace />;

  const { errors } = form.formState;
  const fieldError = (message?: string) => (message ? t(message) : undefined);

  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
          <form noValidate onSubmit={(event) => void form.handleSubmit((values) => login.mutate(values))(event)}>
            <Stack>
              <div>
                <Title order={1} size="h2">
                  {t('login.title')}
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  {t('login.subtitle')}
                </Text>
              </div>
              {login.isError ? (
                <Alert color="red" role="alert" title={t('login.failed')}>
                  {problemMessage(t, login.error)}
                </Alert>
              ) : endReason === 'expired' ? (
                <Alert color="yellow">{t('login.sessionExpired')}</Alert>
              ) : endReason === 'logout' ? (
                <Alert color="gray">{t('login.loggedOut')}</Alert>
              ) : null}
              <TextInput
                label={t('login.username')}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                autoFocus
                error={fieldError(errors.username?.message)}
                {...form.register('username')}
              />
              <PasswordInput
                label={t('login.password')}
                autoComplete="current-password"
                error={fieldError(errors.password?.message)}
                {...form.register('password')}
              />
              <Button type="submit" loading={login.isPending} fullWidth>
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
