import { Anchor, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PressCompany } from '../../api/types';
import { formatDay, formatInstant, formatRupiah } from '../../format';
import { FactTable } from './display';
import { webLink } from './facts';

/** Every field of a company's profile; a fact nobody recorded says so rather than looking empty. */
export function CompanyProfile({ company }: { company: PressCompany }) {
  const { t } = useTranslation('registry');
  const none = (
    <Text c="dimmed" size="sm">
      {t('notRecorded')}
    </Text>
  );
  const text = (value: string | null) => (value === null || value === '' ? none : value);
  const day = (value: string | null) => (value === null ? none : formatDay(value));
  const association =
    company.association === null ? none : company.association === '' ? t('membership.none') : company.association;
  const localOffice = company.local_office === null ? none : t(`localOffice.${company.local_office ? 'yes' : 'no'}`);

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
      <FactTable
        label={t('section.identity')}
        rows={[
          [t('field.legal_name'), company.legal_name],
          [t('field.legal_form'), t(`legalForm.${company.legal_form}`)],
          [t('field.npwp'), <Text key="npwp" size="sm" ff="monospace">{company.npwp_printed}</Text>],
          [t('field.deed_number'), text(company.deed_number)],
          [t('field.deed_date'), day(company.deed_date)],
          [t('field.ahu_number'), text(company.ahu_number)],
          [t('field.ahu_date'), day(company.ahu_date)],
          [t('field.nib'), text(company.nib)],
          [t('field.vat_registered_since'), company.vat_registered_since === null ? t('notVatRegistered') : formatDay(company.vat_registered_since)],
        ]}
      />
      <FactTable
        label={t('section.contactAndCapacity')}
        rows={[
          [t('field.address'), text(company.address)],
          [t('field.phone'), text(company.phone)],
          [t('field.email'), text(company.email)],
          [
            t('field.website'),
            webLink(company.website) ? (
              <Anchor key="website" href={webLink(company.website) ?? undefined} target="_blank" rel="noopener noreferrer" size="sm">
                {company.website}
              </Anchor>
            ) : (
              text(company.website)
            ),
          ],
          [t('field.staff_count'), company.staff_count === null ? none : t('people', { count: company.staff_count })],
          [t('field.paid_up_capital'), company.paid_up_capital ? formatRupiah(company.paid_up_capital.amount) : none],
          [t('field.local_office'), localOffice],
          [t('field.association'), association],
          [t('field.status_since'), formatDay(company.status_since)],
          [t('field.updated_at'), formatInstant(company.updated_at)],
        ]}
      />
    </SimpleGrid>
  );
}
