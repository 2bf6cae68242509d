import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown while a page, its data or its translations are on their way. */
export function PageLoader({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useTranslation();
  return (
    <Center h={fullScreen ? '100vh' : undefined} py={fullScreen ? undefined : 'xl'}>
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}
