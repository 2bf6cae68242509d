import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolicyVersion } from '../../api/types';
import { formatRupiah } from '../../format';
import { useLabel } from '../../hooks/useLabel';
import { Block } from './Block';
import { RateCardEditor } from './RateCardEditor';
import { RateCardTable } from './RateCardTable';
import { rateTables, tiersDown } from './rateGrid';

/** What the region buys, and the highest unit price it pays for each, by media type and tier. */
export function RatesTab({ version, editable }: { version: PolicyVersion; editable: boolean }) {
  const { t } = useTranslation('policy');
  const label = useLabel();
  const [editing, setEditing] = useState(false);

  if (editing) return <RateCardEditor version={version} onClose={() => setEditing(false)} />;

  const { policy } = version;
  const tiers = tiersDown(policy);
  const exclusive = policy.rate_card.some((rate) => !rate.tax_inclusive);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={640}>
          {t('rateCardIntro')}
        </Text>
        {editable && <Button onClick={() => setEditing(true)}>{t('rateCardEdit')}</Button>}
      </Group>
      {rateTables(policy).map((table) => (
        <RateCardTable
          key={table.media}
          table={table}
          tiers={tiers}
          cell={({ rate }) => (
            <Text size="sm" span ff="monospace">
              {formatRupiah(rate.max_unit_price.amount)}
              {!rate.tax_inclusive && ' *'}
            </Text>
          )}
        />
      ))}
      {exclusive && (
        <Text size="xs" c="dimmed">
          {t('taxExclusiveNote')}
        </Text>
      )}
      <Block title={t('products')}>
        <Table aria-label={t('products')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('colProduct')}</Table.Th>
              <Table.Th>{t('colUnit')}</Table.Th>
              <Table.Th>{t('colCode')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policy.products.map((product) => (
              <Table.Tr key={product.code}>
                <Table.Td>{label(product.label)}</Table.Td>
                <Table.Td>{label(product.unit)}</Table.Td>
                <Table.Td ff="monospace">{product.code}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Block>
    </Stack>
  );
}
