import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import { useCan } from '../../auth/hooks';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NotFoundPage } from '../../components/NotFoundPage';
import { PageLoader } from '../../components/PageLoader';
import { formatDay, formatInstant, formatRupiah } from '../../format';
import { useLabel } from '../../hooks/useLabel';
import { Amendments } from './Amendments';
import { FactTable, StateBadge } from './display';
import type { Agreement } from './model';
import { agreementLetter, agreementQuery, letterFileName, policyVersionQuery } from './queries';
import { StepActions } from './StepActions';
import { TermsDialog } from './TermsDialogs';

/** A link into another area for those who may read it; the name alone for the others. */
function AreaLink({ to, allowed, children }: { to: string; allowed: boolean; children: ReactNode }) {
  if (!allowed) return <Text span>{children}</Text>;
  return (
    <Anchor component={Link} to={to}>
      {children}
    </Anchor>
  );
}

/** Why the agreement ended early, or the grounds of its latest amendment. */
function LastReason({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation('agreements');
  if (agreement.last_reason === null && agreement.ground === null) return null;
  const terminated = agreement.state === 'terminated';
  return (
    <Alert color={terminated ? 'red' : 'gray'} variant={terminated ? 'filled' : 'light'} title={terminated ? t('lastReason.terminated') : t('lastReason.other')}>
      {agreement.ground && (
        <Text size="sm" fw={600}>
          {t(`ground.${agreement.ground}`)}
        </Text>
      )}
      {agreement.last_reason && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {agreement.last_reason}
        </Text>
      )}
    </Alert>
  );
}

/** The products the agreement buys: quota, what is ordered and still available, and how each price was agreed. */
function Lines({ agreement, productName, unitName }: { agreement: Agreement; productName: (code: string) => string; unitName: (code: string) => string | null }) {
  const { t } = useTranslation('agreements');
  const title = t('lines.title');
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack>
        <Title order={2} size="h3">
          {title}
        </Title>
        <Table.ScrollContainer minWidth={1180}>
          <Table striped aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('lines.product')}</Table.Th>
                <Table.Th ta="right">{t('lines.quota')}</Table.Th>
                <Table.Th ta="right">{t('lines.ordered')}</Table.Th>
                <Table.Th ta="right">{t('lines.available')}</Table.Th>
                <Table.Th ta="right">{t('lines.offered')}</Table.Th>
                <Table.Th ta="right">{t('lines.reference')}</Table.Th>
                <Table.Th ta="right">{t('lines.agreed')}</Table.Th>
                <Table.Th ta="right">{t('lines.rateMax')}</Table.Th>
                <Table.Th>{t('lines.legalBasis')}</Table.Th>
                <Table.Th>{t('lines.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agreement.lines.map((line) => {
                const unit = unitName(line.product);
                return (
                  <Table.Tr key={line.id}>
                    <Table.Th scope="row" fw={500}>
                      <Text size="sm" fw={500}>
                        {productName(line.product)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {unit ? t('lines.perUnit', { unit }) : line.product}
                        {line.tax_inclusive ? ` · ${t('lines.taxInclusive')}` : ''}
                      </Text>
                    </Table.Th>
                    <Table.Td ta="right">{line.quota}</Table.Td>
                    <Table.Td ta="right">{line.ordered}</Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {line.available}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatRupiah(line.offered_price.amount)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatRupiah(line.reference_price.amount)}
                    </Table.Td>
                    <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {formatRupiah(line.agreed_price.amount)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatRupiah(line.rate_max.amount)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{line.legal_basis}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                        {line.negotiation_note ?? t('common.none')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}

type Dialog = 'edit' | 'amend' | null;

function AgreementView({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation('agreements');
  const label = useLabel();
  const canManage = useCan('agreements.manage');
  const canReadPolicy = useCan('policy.read');
  const canReadRegistry = useCan('registry.read');
  const canReadBudget = useCan('budget.read');
  const canReadOrders = useCan('orders.read');
  const policy = useQuery({ ...policyVersionQuery(agreement.policy_version_id), enabled: canReadPolicy });
  const [dialog, setDialog] = useState<Dialog>(null);
  const product = (code: string) => policy.data?.policy.products.find((candidate) => candidate.code === code);
  const productName = (code: string) => {
    const found = product(code);
    return found ? label(found.label) : code;
  };
  const unitName = (code: string) => {
    const found = product(code);
    return found ? label(found.unit) : null;
  };
  const tier = policy.data?.policy.tiers.find((candidate) => candidate.code === agreement.tier);
  const line = agreement.budget_line;
  const money = (figure: 'ceiling' | 'reserved' | 'committed' | 'realised' | 'remaining') => formatRupiah(agreement[figure].amount);

  return (
    <Stack>
      <Anchor component={Link} to={`/agreements?year=${agreement.fiscal_year}`} size="sm">
        {t('backToList')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1}>{agreement.number}</Title>
          <Text>{agreement.title}</Text>
          <Group gap="xs">
            <StateBadge state={agreement.state} size="lg" />
            <Badge variant="outline" color="gray" tt="none">
              {t(`kind.${agreement.kind}`)}
            </Badge>
            <Badge variant="outline" color="gray" tt="none">
              {t('yearShort', { year: agreement.fiscal_year })}
            </Badge>
          </Group>
        </Stack>
        <Stack gap="xs" align="flex-end">
          <StepActions agreement={agreement} />
          <DownloadButton fetchFile={() => agreementLetter(agreement.id)} fileName={letterFileName('PKS', agreement.number)} failed={t('letter.failed')}>
            {t('letter.download')}
          </DownloadButton>
          {canManage && (agreement.state === 'draft' || agreement.state === 'active') && (
            <Button variant="default" onClick={() => setDialog(agreement.state === 'draft' ? 'edit' : 'amend')}>
              {t(agreement.state === 'draft' ? 'edit.open' : 'amend.open')}
            </Button>
          )}
        </Stack>
      </Group>

      <LastReason agreement={agreement} />

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
        <FactTable
          label={t('section.parties')}
          rows={[
            [t('field.company'), <AreaLink key="company" to={`/registry/companies/${agreement.company_id}`} allowed={canReadRegistry}>{agreement.company_name}</AreaLink>],
            [
              t('field.outlet'),
              <AreaLink key="outlet" to={`/registry/outlets/${agreement.outlet_id}?year=${agreement.fiscal_year}`} allowed={canReadRegistry}>
                {agreement.outlet_name}
              </AreaLink>,
            ],
            [t('field.mediaType'), t(`mediaType.${agreement.media_type}`)],
            [t('field.tier'), tier ? label(tier.label) : agreement.tier],
            [t('field.period'), t('period', { from: formatDay(agreement.starts_on), until: formatDay(agreement.ends_on) })],
            ...(agreement.external_order_id ? [[t('field.externalOrderId'), agreement.external_order_id] as const] : []),
            [t('field.application'), <Anchor key="application" component={Link} to={`/applications/${agreement.application_id}`} size="sm">{t('openApplication')}</Anchor>],
            ...(agreement.activated_at ? [[t('field.activatedAt'), formatInstant(agreement.activated_at)] as const] : []),
            ...(agreement.closed_at ? [[t('field.closedAt'), formatInstant(agreement.closed_at)] as const] : []),
          ]}
        />
        <FactTable
          label={t('section.figures')}
          rows={[
            [t('figure.ceiling'), money('ceiling')],
            [t('figure.reserved'), money('reserved')],
            [t('figure.committed'), money('committed')],
            [t('figure.realised'), money('realised')],
            [t('figure.remaining'), <Text key="remaining" size="sm" fw={600}>{money('remaining')}</Text>],
            [
              t('figure.budgetLine'),
              <AreaLink key="line" to={`/budget/${line.id}`} allowed={canReadBudget}>
                {`${line.unit_code} · ${line.account_code}`}
              </AreaLink>,
            ],
            [t('figure.budgetRemaining'), formatRupiah(line.remaining.amount)],
            [t('figure.budgetUnallocated'), formatRupiah(line.unallocated.amount)],
          ]}
        />
      </SimpleGrid>

      {canReadOrders && agreement.state !== 'draft' && (
        <Anchor component={Link} to={`/orders?year=${agreement.fiscal_year}&agreement=${agreement.id}`} size="sm">
          {t('ordersLink')}
        </Anchor>
      )}

      <Lines agreement={agreement} productName={productName} unitName={unitName} />
      <Amendments agreement={agreement} productName={productName} />

      {dialog && <TermsDialog agreement={agreement} mode={dialog} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

/** One agreement: its parties, figures and lines, its steps, and its amendments. */
export function AgreementPage() {
  const { id = '' } = useParams();
  const agreement = useQuery(agreementQuery(id));
  if (agreement.isPending) return <PageLoader />;
  if (agreement.isError) {
    // A mistyped or foreign id: the server knows no such agreement in this organisation.
    if (agreement.error instanceof ApiError && (agreement.error.status === 404 || agreement.error.status === 400)) return <NotFoundPage />;
    return <ErrorAlert error={agreement.error} onRetry={() => void agreement.refetch()} />;
  }
  return <AgreementView agreement={agreement.data} />;
}
