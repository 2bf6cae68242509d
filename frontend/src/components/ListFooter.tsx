import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** What a cursor-paged list needs to show below its rows. */
interface PagedQuery {
  isPending: boolean;
  isSuccess: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** Loading, empty and "load more" below every cursor-paged table. */
export function ListFooter({ query, count }: { query: PagedQuery; count: number }) {
  const { t } = useTranslation();
  return (
    <>
      {query.isPending && <Text c="dimmed">{t('common.loading')}</Text>}
      {query.isSuccess && count === 0 && <Text c="dimmed">{t('common.empty')}</Text>}
      {query.hasNextPage && (
        <Group justify="center">
          <Button variant="light" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </>
  );
}
