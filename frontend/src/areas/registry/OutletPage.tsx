import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import type { Outlet } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotFoundPage } from '../../components/NotFoundPage';
import { PageLoader } from '../../components/PageLoader';
import { formatDay, formatInstant, groupDigits, hasExpired } from '../../format';
import { usePageAddress } from './address';
import { FactTable } from './display';
import { EligibilityPanel } from './EligibilityPanel';
import { webLink } from './facts';
import { OutletFormDialog } from './OutletFormDialog';
import { companyQuery, outletQuery } from './queries';

/** The outlet page has no tabs; its address names only the fiscal year judged. */
const NO_TABS = [] as const;

function OutletProfile({ outlet, companyName }: { outlet: Outlet; companyName: string | undefined }) {
  const { t } = useTranslation('registry');
  const none = (
    <Text c="dimmed" size="sm">
      {t('notRecorded')}
    </Text>
  );
  const broadcast = outlet.media_type === 'tv' || outlet.media_type === 'radio';
  const licenceEnd = outlet.broadcast_licence_until;
  const link = webLink(outlet.url);
  return (
    <FactTable
      label={t('section.outletProfile')}
      rows={[
        [
          t('field.company'),
          <Anchor key="company" component={Link} to={`/registry/companies/${outlet.company_id}`} size="sm">
            {companyName ?? t('companyUnnamed')}
          </Anchor>,
        ],
        [t('field.media_type'), t(`mediaType.${outlet.media_type}`)],
        [t('field.scale'), t(`outletScale.${outlet.scale}`)],
        [t('field.periodicity'), t(`periodicity.${outlet.periodicity}`)],
        [
          t('field.url'),
          link ? (
            <Anchor key="url" href={link} target="_blank" rel="noopener noreferrer" size="sm">
              {link}
            </Anchor>
          ) : (
            (outlet.url ?? none)
          ),
        ],
        [t('field.first_published'), outlet.first_published ? formatDay(outlet.first_published) : none],
        ...(broadcast
          ? ([
              [t('field.frequency'), outlet.frequency ?? none],
              [t('field.broadcast_licence'), outlet.broadcast_licence ?? none],
              [
                t('field.broadcast_licence_until'),
                licenceEnd ? (hasExpired(licenceEnd) ? t('expiredOn', { day: formatDay(licenceEnd) }) : formatDay(licenceEnd)) : none,
              ],
            ] as const)
          : []),
        ...(outlet.media_type === 'print' || outlet.circulation !== null
          ? ([[t('field.circulation'), outlet.circulation === null ? none : t('copies', { count: outlet.circulation, grouped: groupDigits(String(outlet.circulation)) })]] as const)
          : []),
        ...(outlet.media_type === 'online' || outlet.monthly_visitors !== null
          ? ([
              [
                t('field.monthly_visitors'),
                outlet.monthly_visitors === null ? none : t('visits', { count: outlet.monthly_visitors, grouped: groupDigits(String(outlet.monthly_visitors)) }),
              ],
            ] as const)
          : []),
        [t('field.claims_evidence'), outlet.claims_evidence ?? none],
        [t('field.updated_at'), formatInstant(outlet.updated_at)],
      ]}
    />
  );
}

function OutletView({ outlet }: { outlet: Outlet }) {
  const { t } = useTranslation('registry');
  const canManage = useCan('registry.manage');
  const company = useQuery(companyQuery(outlet.company_id));
  const { year, setYear } = usePageAddress(NO_TABS);
  const [editing, setEditing] = useState(false);

  return (
    <Stack>
      <Anchor component={Link} to={`/registry/companies/${outlet.company_id}?tab=outlets`} size="sm">
        {company.data ? t('backToCompany', { name: company.data.legal_name }) : t('backToOutlets')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1}>{outlet.name}</Title>
          <Group gap="xs">
            <Badge variant="light" tt="none">
              {t(`mediaType.${outlet.media_type}`)}
            </Badge>
          </Group>
        </Stack>
        {canManage && <Button onClick={() => setEditing(true)}>{t('outletEdit')}</Button>}
      </Group>

      <OutletProfile outlet={outlet} companyName={company.data?.legal_name} />
      <EligibilityPanel outlet={outlet} companyStatus={company.data?.status} year={year} onYear={setYear} />

      {editing && <OutletFormDialog companyId={outlet.company_id} outlet={outlet} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

/** One outlet: its profile, and whether it is eligible in a fiscal year, rule by rule. */
export function OutletPage() {
  const { id = '' } = useParams();
  const outlet = useQuery(outletQuery(id));
  if (outlet.isPending) return <PageLoader />;
  if (outlet.isError) {
    if (outlet.error instanceof ApiError && (outlet.error.status === 404 || outlet.error.status === 400)) return <NotFoundPage />;
    return <ErrorAlert error={outlet.error} onRetry={() => void outlet.refetch()} />;
  }
  return <OutletView outlet={outlet.data} />;
}
