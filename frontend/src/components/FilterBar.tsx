import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The filters above a paged list, with a way to clear them all once any is set. */
export function FilterBar({ list, children }: { list: { hasFilters: boolean; clearFilters: () => void }; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" wrap="wrap">
      {children}
      {list.hasFilters && (
        <Button variant="subtle" onClick={list.clearFilters}>
          {t('common.resetFilters')}
        </Button>
      )}
    </Group>
  );
}
