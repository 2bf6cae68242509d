import { Anchor, Box, Button, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';

/**
 * A public page's frame, without the app shell: a plain header with the organisation read (or
 * the name of these pages), the language switch and the way in for officers; the page below.
 */
export function PublicFrame({ organisation, children }: { organisation?: { slug: string; name: string }; children: ReactNode }) {
  const { t } = useTranslation('transparency');
  return (
    <Box mih="100vh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg" py="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <div>
              <Anchor component={Link} to="/public" size="xs" c="dimmed">
                {t('frame.brand')}
              </Anchor>
              {organisation && (
                <Text fw={700} size="lg" lh={1.2}>
                  <Anchor component={Link} to={`/public/${organisation.slug}`} inherit c="inherit" underline="never">
                    {organisation.name}
                  </Anchor>
                </Text>
              )}
            </div>
            <Group gap="sm">
              <LanguageSwitch />
              <Button component={Link} to="/login" variant="default" size="xs">
                {t('frame.signIn')}
              </Button>
            </Group>
          </Group>
        </Container>
      </Box>
      <Container component="main" size="lg" py="lg">
        {children}
      </Container>
    </Box>
  );
}
