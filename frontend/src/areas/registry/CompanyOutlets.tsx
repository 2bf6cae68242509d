import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PressCompany } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListFooter } from '../../components/ListFooter';
import { OutletFormDialog } from './OutletFormDialog';
import { outletPagesQuery } from './queries';

/** The outlets a company publishes, and registering another one. */
export function CompanyOutlets({ company }: { company: PressCompany }) {
  const { t } = useTranslation('registry');
  const canManage = useCan('registry.manage');
  const outlets = useInfiniteQuery(outletPagesQuery({ company_id: company.id }));
  const items = outlets.data?.pages.flatMap((page) => page.items) ?? [];
  const [adding, setAdding] = useState(false);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={640}>
          {t('outletsIntro')}
        </Text>
        {canManage && <Button onClick={() => setAdding(true)}>{t('outletCreate')}</Button>}
      </Group>
      {outlets.isError && <ErrorAlert error={outlets.error} onRetry={() => void outlets.refetch()} />}
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover aria-label={t('tab.outlets')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.outletName')}</Table.Th>
              <Table.Th>{t('col.mediaType')}</Table.Th>
              <Table.Th>{t('col.scale')}</Table.Th>
              <Table.Th>{t('col.periodicity')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((outlet) => (
              <Table.Tr key={outlet.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/registry/outlets/${outlet.id}`} fw={500}>
                    {outlet.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`mediaType.${outlet.media_type}`)}</Table.Td>
                <Table.Td>{t(`outletScale.${outlet.scale}`)}</Table.Td>
                <Table.Td>{t(`periodicity.${outlet.periodicity}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ListFooter query={outlets} count={items.length} />
      {adding && <OutletFormDialog companyId={company.id} onClose={() => setAdding(false)} />}
    </Stack>
  );
}
