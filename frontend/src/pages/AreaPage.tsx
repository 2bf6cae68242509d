import { Alert, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Area } from '../areas';

/** An area of the system that is planned but not built: says what it will hold, shows no data. */
export function AreaPage({ area }: { area: Area }) {
  const { t } = useTranslation();
  return (
    <Stack maw={760}>
      <Title order={1}>{t(`nav.${area}`)}</Title>
      <Text>{t(`areas.${area}`)}</Text>
      <Alert color="gray" title={t('areas.notAvailableTitle')}>
        {t('areas.notAvailable')}
      </Alert>
    </Stack>
  );
}
