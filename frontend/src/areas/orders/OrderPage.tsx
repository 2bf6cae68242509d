import { Alert, Anchor, Badge, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import { useCan } from '../../auth/hooks';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotFoundPage } from '../../components/NotFoundPage';
import { PageLoader } from '../../components/PageLoader';
import { formatDay, formatInstant, formatRupiah, jakartaToday } from '../../format';
import { FactTable, StateBadge } from './display';
import type { Order } from './model';
import { agreementQuery, letterFileName, orderLetter, orderQuery } from './queries';
import { StepActions } from './StepActions';
import { useProductNames } from './words';

/** Why the company declined the order, or why it was cancelled. */
function LastReason({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  if (order.last_reason === null) return null;
  const ended = order.state === 'declined' || order.state === 'cancelled';
  return (
    <Alert color={ended ? 'red' : 'gray'} title={t(ended ? `lastReason.${order.state}` : 'lastReason.other')}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {order.last_reason}
      </Text>
    </Alert>
  );
}

function OrderView({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  const canReadAgreements = useCan('agreements.read');
  // The agreement's own policy names the product.
  const agreement = useQuery({ ...agreementQuery(order.agreement_id), enabled: canReadAgreements });
  const names = useProductNames({ versionId: agreement.data?.policy_version_id, year: order.fiscal_year });
  const unit = names.unit(order.product);
  const late = (order.state === 'issued' || order.state === 'accepted') && order.due_until < jakartaToday();

  return (
    <Stack>
      <Anchor component={Link} to={`/orders?year=${order.fiscal_year}`} size="sm">
        {t('backToList')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1}>{order.number}</Title>
          <Text>{order.subject}</Text>
          <Group gap="xs">
            <StateBadge state={order.state} size="lg" />
            {late && (
              <Badge color="red" variant="light" tt="none">
                {t('late')}
              </Badge>
            )}
            <Badge variant="outline" color="gray" tt="none">
              {t('yearShort', { year: order.fiscal_year })}
            </Badge>
          </Group>
        </Stack>
        <Stack gap="xs" align="flex-end">
          <StepActions order={order} />
          <DownloadButton fetchFile={() => orderLetter(order.id)} fileName={letterFileName('SP', order.number)} failed={t('letter.failed')}>
            {t('letter.download')}
          </DownloadButton>
        </Stack>
      </Group>

      <LastReason order={order} />

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
        <FactTable
          label={t('section.order')}
          rows={[
            [
              t('field.agreement'),
              canReadAgreements ? (
                <Anchor key="agreement" component={Link} to={`/agreements/${order.agreement_id}`} size="sm">
                  {order.agreement_number}
                </Anchor>
              ) : (
                order.agreement_number
              ),
            ],
            [t('field.company'), order.company_name],
            [t('field.outlet'), `${order.outlet_name} (${t(`mediaType.${order.media_type}`)})`],
            [t('field.product'), unit ? `${names.name(order.product)} (${t('perUnit', { unit })})` : names.name(order.product)],
            ...(order.content_title ? [[t('field.content'), order.content_title] as const] : []),
            [t('field.instructions'), order.instructions ?? t('common.none')],
          ]}
        />
        <FactTable
          label={t('section.amounts')}
          rows={[
            [t('field.quantity'), String(order.quantity)],
            [t('field.unitPrice'), formatRupiah(order.unit_price.amount)],
            [t('field.amount'), <Text key="amount" size="sm" fw={600}>{formatRupiah(order.amount.amount)}</Text>],
            [t('field.issuedOn'), formatDay(order.issued_on)],
            [t('field.due'), t('due', { from: formatDay(order.due_from), until: formatDay(order.due_until) })],
            ...(order.published_on ? [[t('field.publishedOn'), formatDay(order.published_on)] as const] : []),
            ...(order.verified_quantity !== null ? [[t('field.verifiedQuantity'), String(order.verified_quantity)] as const] : []),
            [t('field.updatedAt'), formatInstant(order.updated_at)],
          ]}
        />
      </SimpleGrid>
    </Stack>
  );
}

/** One order: what was ordered from whom, at what price and by when, and the company's answer. */
export function OrderPage() {
  const { id = '' } = useParams();
  const order = useQuery(orderQuery(id));
  if (order.isPending) return <PageLoader />;
  if (order.isError) {
    // A mistyped or foreign id: the server knows no such order in this organisation.
    if (order.error instanceof ApiError && (order.error.status === 404 || order.error.status === 400)) return <NotFoundPage />;
    return <ErrorAlert error={order.error} onRetry={() => void order.refetch()} />;
  }
  return <OrderView order={order.data} />;
}
