import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tier } from '../../api/types';
import { useLabel } from '../../hooks/useLabel';
import { Block } from './Block';
import type { RateCell, RateTable } from './rateGrid';

interface RateCardTableProps {
  table: RateTable;
  tiers: Tier[];
  /** What a priced cell shows: its price, or the field to type it in. */
  cell: (cell: RateCell, name: string) => ReactNode;
}

/** One media type's rate card: products down, tiers across. */
export function RateCardTable({ table, tiers, cell }: RateCardTableProps) {
  const { t } = useTranslation('policy');
  const label = useLabel();
  const media = t(`mediaType.${table.media}`);
  const title = t('rateCardFor', { media });
  return (
    <Block title={title}>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('colProduct')}</Table.Th>
              {tiers.map((tier) => (
                <Table.Th key={tier.code} ta="right">
                  {label(tier.label)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map(({ product, cells }) => (
              <Table.Tr key={product.code}>
                <Table.Th scope="row" fw={500}>
                  <Text size="sm">{label(product.label)}</Text>
                  <Text size="xs" c="dimmed">
                    {t('perUnit', { unit: label(product.unit) })}
                  </Text>
                </Table.Th>
                {cells.map((priced, column) => (
                  <Table.Td key={tiers[column]?.code ?? column} ta="right" valign="top">
                    {priced
                      ? cell(priced, t('priceFor', { product: label(product.label), tier: tiers[column] ? label(tiers[column].label) : '', media }))
                      : t('common.none')}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {table.legalBases.map((basis) => (
        <Text key={basis} size="xs" c="dimmed">
          {t('legalBasis', { basis })}
        </Text>
      ))}
    </Block>
  );
}
