import { Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PolicyVersion } from '../../api/types';
import { useLabel } from '../../hooks/useLabel';
import { Block } from './Block';

/** How an outlet is scored, and the tier each score reaches. */
export function RubricTab({ version }: { version: PolicyVersion }) {
  const { t } = useTranslation('policy');
  const label = useLabel();
  const { rubric } = version.policy;
  const tiers = [...version.policy.tiers].sort((a, b) => b.min_points - a.min_points);
  return (
    <Stack>
      <Block title={t('tiers')}>
        <Text size="sm" c="dimmed">
          {t('tiersIntro')}
        </Text>
        <Table aria-label={t('tiers')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('colTier')}</Table.Th>
              <Table.Th>{t('colMinPoints')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tiers.map((tier) => (
              <Table.Tr key={tier.code}>
                <Table.Td>{label(tier.label)}</Table.Td>
                <Table.Td>{t('points', { count: tier.min_points })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Block>
      {rubric.length === 0 && <Text c="dimmed">{t('rubricEmpty')}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {rubric.map((criterion) => (
          <Block key={criterion.code} title={label(criterion.label)}>
            <Group gap={4}>
              {criterion.media_types.map((type) => (
                <Badge key={type} variant="light" tt="none">
                  {t(`mediaType.${type}`)}
                </Badge>
              ))}
            </Group>
            <Table aria-label={label(criterion.label)}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('colOption')}</Table.Th>
                  <Table.Th>{t('colPoints')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {criterion.options.map((option) => (
                  <Table.Tr key={option.code}>
                    <Table.Td>{label(option.label)}</Table.Td>
                    <Table.Td>{t('points', { count: option.points })}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Block>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
