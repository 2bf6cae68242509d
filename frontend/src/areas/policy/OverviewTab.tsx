import { Badge, Code, Group, SimpleGrid, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PolicyVersion, TaxSettings } from '../../api/types';
import { formatBasisPoints, formatRupiah } from '../../format';
import { Block } from './Block';
import { RegulationPart } from './RegulationPart';

function Tax({ tax }: { tax: TaxSettings }) {
  const { t } = useTranslation('policy');
  // Shown, not computed with: the server does the tax arithmetic in whole rupiah.
  const effectiveVat = tax.vat_base_denominator > 0 ? (tax.vat_bp * tax.vat_base_numerator) / tax.vat_base_denominator : null;
  const rows: [string, string][] = [
    [t('tax.pph23'), formatBasisPoints(tax.pph23_bp)],
    [t('tax.pph23WithoutNpwp'), formatBasisPoints(tax.pph23_without_npwp_bp)],
    [t('tax.vat'), formatBasisPoints(tax.vat_bp)],
    [t('tax.vatBase'), t('tax.vatBaseValue', { numerator: tax.vat_base_numerator, denominator: tax.vat_base_denominator })],
    ...(effectiveVat === null ? [] : [[t('tax.vatEffective'), formatBasisPoints(effectiveVat)] as [string, string]]),
    [t('tax.stampDuty'), t('tax.stampDutyValue', { amount: formatRupiah(tax.stamp_duty.amount), threshold: formatRupiah(tax.stamp_duty_threshold.amount) })],
  ];
  return (
    <Table aria-label={t('tax.title')}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" fw={500}>
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** What a version accepts and how it taxes and numbers: the settings that are not lists of items. */
export function OverviewTab({ version, editable }: { version: PolicyVersion; editable: boolean }) {
  const { t } = useTranslation('policy');
  const { policy } = version;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <RegulationPart version={version} editable={editable} />

      <Block title={t('legalForms')}>
        <Group gap="xs">
          {policy.accepted_legal_forms.map((form) => (
            <Badge key={form} variant="light" size="lg" tt="none">
              {t(`legalForm.${form}`)}
            </Badge>
          ))}
        </Group>
      </Block>

      <Block title={t('pressCouncil')}>
        <Text size="sm" c="dimmed">
          {t('pressCouncilIntro')}
        </Text>
        <Table aria-label={t('pressCouncil')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('colMediaType')}</Table.Th>
              <Table.Th>{t('colMinimum')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policy.press_council_minimums.map((minimum) => (
              <Table.Tr key={minimum.media_type}>
                <Table.Td>{t(`mediaType.${minimum.media_type}`)}</Table.Td>
                <Table.Td>{t(`pressCouncilStatus.${minimum.minimum}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Block>

      <Block title={t('tax.title')}>
        <Tax tax={policy.tax} />
      </Block>

      <Block title={t('numbering')}>
        <Text size="sm" c="dimmed">
          {t('numberingIntro')}
        </Text>
        <Table aria-label={t('numbering')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('colDocument')}</Table.Th>
              <Table.Th>{t('colPattern')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policy.numbering.map((numbering) => (
              <Table.Tr key={numbering.document}>
                <Table.Td>{t(`numberedDocument.${numbering.document}`)}</Table.Td>
                <Table.Td>
                  <Code>{numbering.pattern}</Code>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Block>
    </SimpleGrid>
  );
}
