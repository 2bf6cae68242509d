import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1}>{t('forbidden.title')}</Title>
      <Text>{t('forbidden.body')}</Text>
    </Stack>
  );
}
