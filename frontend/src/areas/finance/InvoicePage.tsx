import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotFoundPage } from '../../components/NotFoundPage';
import { PageLoader } from '../../components/PageLoader';
import { formatBasisPoints, formatDay, formatInstant, formatRupiah } from '../../format';
import { AcceptDialog } from './AcceptDialog';
import { Fact, InvoiceStateBadge, YesNo } from './display';
import { accountName, type Invoice, type Payment } from './model';
import { PayDialog } from './PayDialog';
import { invoiceQuery } from './queries';

const RIGHT = { textAlign: 'right', whiteSpace: 'nowrap' } as const;

/** The orders billed, each at its verified quantity, and the invoice's totals as the server made them. */
function Lines({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('finance');
  const canReadProofs = useCan('proofs.read');
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table striped aria-label={t('linesLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('col.order')}</Table.Th>
            <Table.Th style={RIGHT}>{t('col.verifiedQuantity')}</Table.Th>
            <Table.Th style={RIGHT}>{t('col.unitPrice')}</Table.Th>
            <Table.Th style={RIGHT}>{t('col.amount')}</Table.Th>
            <Table.Th style={RIGHT}>{t('col.base')}</Table.Th>
            <Table.Th style={RIGHT}>{t('col.vat')}</Table.Th>
            <Table.Th style={RIGHT}>{t('col.gross')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoice.lines.map((line) => (
            <Table.Tr key={line.order_id}>
              <Table.Th scope="row" fw="normal">
                {canReadProofs ? (
                  <Anchor component={Link} to={`/proofs/orders/${line.order_id}`}>
                    {line.order_number}
                  </Anchor>
                ) : (
                  line.order_number
                )}
                {line.tax_inclusive && (
                  <Text size="xs" c="dimmed">
                    {t('taxInclusive')}
                  </Text>
                )}
              </Table.Th>
              <Table.Td style={RIGHT}>{line.quantity}</Table.Td>
              <Table.Td style={RIGHT}>{formatRupiah(line.unit_price.amount)}</Table.Td>
              <Table.Td style={RIGHT}>{formatRupiah(line.amount.amount)}</Table.Td>
              <Table.Td style={RIGHT}>{formatRupiah(line.base.amount)}</Table.Td>
              <Table.Td style={RIGHT}>{formatRupiah(line.vat.amount)}</Table.Td>
              <Table.Td style={RIGHT}>{formatRupiah(line.gross.amount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={600}>
            <Table.Th scope="row" colSpan={3}>
              {t('total')}
            </Table.Th>
            <Table.Td style={RIGHT}>{formatRupiah(invoice.amount.amount)}</Table.Td>
            <Table.Td style={RIGHT}>{formatRupiah(invoice.base.amount)}</Table.Td>
            <Table.Td style={RIGHT}>{formatRupiah(invoice.vat.amount)}</Table.Td>
            <Table.Td style={RIGHT}>{formatRupiah(invoice.gross.amount)}</Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The payment as the server recorded it: its figures, and the account as it was when paid. */
function PaymentFacts({ payment }: { payment: Payment }) {
  const { t } = useTranslation('finance');
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" verticalSpacing="sm">
      <Fact label={t('field.sp2dNumber')}>{payment.sp2d_number}</Fact>
      <Fact label={t('field.sp2dDate')}>{formatDay(payment.sp2d_date)}</Fact>
      <Fact label={t('field.account')}>{accountName(payment)}</Fact>
      <Fact label={t('field.gross')}>{formatRupiah(payment.gross.amount)}</Fact>
      <Fact label={t('field.pph23At', { rate: formatBasisPoints(payment.pph23_bp) })}>{formatRupiah(payment.pph23.amount)}</Fact>
      <Fact label={t('field.net')}>
        <Text span fw={700}>
          {formatRupiah(payment.net.amount)}
        </Text>
      </Fact>
      <Fact label={t('field.withholdingSlip')}>{payment.withholding_slip_number ?? t('common.none')}</Fact>
      <Fact label={t('field.stampDuty')}>
        <YesNo value={payment.stamp_duty} />
      </Fact>
      <Fact label={t('field.recorded')}>{formatInstant(payment.created_at)}</Fact>
    </SimpleGrid>
  );
}

function InvoiceView({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('finance');
  const canAccept = useCan('invoices.accept');
  const canPay = useCan('payments.manage');
  const [accepting, setAccepting] = useState(false);
  const [paying, setPaying] = useState(false);

  return (
    <Stack>
      <Anchor component={Link} to={`/finance?year=${invoice.fiscal_year}`} size="sm">
        {t('backToList')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1}>{t('invoiceTitle', { number: invoice.number })}</Title>
          <Group gap="xs">
            <InvoiceStateBadge state={invoice.state} size="lg" />
            <Badge variant="outline" color="gray" tt="none">
              {t('yearShort', { year: invoice.fiscal_year })}
            </Badge>
          </Group>
        </Stack>
        <Group gap="xs" role="group" aria-label={t('actionsLabel')}>
          {invoice.state === 'received' && canAccept && (
            <Button color="teal" onClick={() => setAccepting(true)}>
              {t('accept.open')}
            </Button>
          )}
          {invoice.state === 'accepted' && canPay && (
            <Button color="green" onClick={() => setPaying(true)}>
              {t('pay.open')}
            </Button>
          )}
        </Group>
      </Group>

      <Group gap="xl" align="flex-start">
        <Fact label={t('field.company')}>{invoice.company_name}</Fact>
        <Fact label={t('field.number')}>{invoice.number}</Fact>
        <Fact label={t('field.invoiceDate')}>{formatDay(invoice.invoice_date)}</Fact>
        <Fact label={t('field.vatRegistered')}>
          <YesNo value={invoice.vat_registered} />
        </Fact>
        <Fact label={t('field.stampDuty')}>{t(invoice.stamp_duty ? 'stampDuty.yes' : 'stampDuty.no')}</Fact>
      </Group>

      <Lines invoice={invoice} />

      <Card withBorder component="section" aria-label={t('acceptanceLabel')}>
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('acceptanceLabel')}
          </Title>
          {invoice.acceptance_number ? (
            <Group gap="xl">
              <Fact label={t('field.acceptanceNumber')}>{invoice.acceptance_number}</Fact>
              <Fact label={t('field.acceptedOn')}>{invoice.accepted_on ? formatDay(invoice.accepted_on) : t('common.none')}</Fact>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('acceptanceMissing')}
            </Text>
          )}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-label={t('paymentLabel')}>
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('paymentLabel')}
          </Title>
          {invoice.payment ? (
            <PaymentFacts payment={invoice.payment} />
          ) : (
            <Text size="sm" c="dimmed">
              {t(invoice.state === 'received' ? 'paymentAfterAcceptance' : 'paymentMissing')}
            </Text>
          )}
        </Stack>
      </Card>

      {accepting && <AcceptDialog invoice={invoice} onClose={() => setAccepting(false)} />}
      {paying && <PayDialog invoice={invoice} onClose={() => setPaying(false)} />}
    </Stack>
  );
}

/** One invoice: what it bills and its taxes, its acceptance record, and its payment. */
export function InvoicePage() {
  const { id = '' } = useParams();
  const invoice = useQuery(invoiceQuery(id));
  if (invoice.isPending) return <PageLoader />;
  if (invoice.isError) {
    // A mistyped or foreign id: the server knows no such invoice in this organisation.
    if (invoice.error instanceof ApiError && (invoice.error.status === 404 || invoice.error.status === 400)) return <NotFoundPage />;
    return <ErrorAlert error={invoice.error} onRetry={() => void invoice.refetch()} />;
  }
  return <InvoiceView invoice={invoice.data} />;
}
