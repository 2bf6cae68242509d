import { Badge, Group, List, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { formatBasisPoints, formatDay, formatRupiah } from '../../format';
import { basisPointsOf, formatCount, largestPaidFirst, RIGHT, WHOLE, yearOfAddress } from './figures';
import type { AgreementState, PublicAgreement, PublicOutlet, PublicYear } from './model';
import { PublicFrame } from './PublicFrame';
import { NotPublished, PublicProblem } from './PublicProblem';
import { organisationQuery, yearQuery } from './queries';

const STATE_COLOR: Record<AgreementState, string> = {
  draft: 'gray',
  active: 'green',
  completed: 'blue',
  terminated: 'red',
  expired: 'dark',
};

/** A section of the page under its own heading, which names it. */
function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Stack component="section" aria-labelledby={id} gap="xs">
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** The year's sums, each a figure with its name. */
function Totals({ year }: { year: PublicYear }) {
  const { t } = useTranslation('transparency');
  const figures = [
    ['agreements', formatCount(year.totals.agreements)],
    ['partners', formatCount(year.totals.partners)],
    ['outlets', formatCount(year.totals.outlets)],
    ['ceiling', formatRupiah(year.totals.ceiling.amount)],
    ['paid', formatRupiah(year.totals.paid.amount)],
  ] as const;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} role="list" aria-label={t('year.totals.label')}>
      {figures.map(([name, value]) => (
        <Paper key={name} withBorder p="md" role="listitem" aria-label={t(`year.totals.${name}`)}>
          <Text size="sm" c="dimmed">
            {t(`year.totals.${name}`)}
          </Text>
          <Text size="lg" fw={700} style={{ whiteSpace: 'nowrap' }}>
            {value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** An outlet's share of everything paid in the year, as a short bar and a percentage; the bar's name says it in words. */
function ShareBar({ outlet }: { outlet: PublicOutlet }) {
  const { t } = useTranslation('transparency');
  const basisPoints = basisPointsOf(outlet.share);
  const share = formatBasisPoints(basisPoints);
  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end">
      <svg
        role="img"
        aria-label={t('year.outlets.bar', { name: outlet.outlet, share })}
        viewBox={`0 0 ${WHOLE} 10`}
        preserveAspectRatio="none"
        width={96}
        height={10}
        style={{ display: 'block', borderRadius: 4, overflow: 'hidden', flex: 'none' }}
      >
        <rect x={0} y={0} width={WHOLE} height={10} fill="var(--mantine-color-gray-2)" />
        {basisPoints > 0 && <rect data-share x={0} y={0} width={basisPoints} height={10} fill="var(--mantine-color-blue-7)" />}
      </svg>
      <Text span size="sm" w={60} ta="right">
        {share}
      </Text>
    </Group>
  );
}

/** What each outlet was given and paid in the year, largest paid first, with its share. */
function Outlets({ year }: { year: PublicYear }) {
  const { t } = useTranslation('transparency');
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table striped aria-label={t('year.outlets.tableLabel', { year: year.fiscal_year })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('year.outlets.col.outlet')}</Table.Th>
            <Table.Th>{t('year.outlets.col.company')}</Table.Th>
            <Table.Th>{t('year.outlets.col.mediaType')}</Table.Th>
            <Table.Th style={RIGHT}>{t('year.outlets.col.agreements')}</Table.Th>
            <Table.Th style={RIGHT}>{t('year.outlets.col.ceiling')}</Table.Th>
            <Table.Th style={RIGHT}>{t('year.outlets.col.paid')}</Table.Th>
            <Table.Th style={RIGHT}>{t('year.outlets.col.share')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {largestPaidFirst(year.outlets).map((outlet) => (
            <Table.Tr key={`${outlet.company}|${outlet.outlet}`}>
              <Table.Th scope="row" fw={500}>
                {outlet.outlet}
              </Table.Th>
              <Table.Td>{outlet.company}</Table.Td>
              <Table.Td>{t(`mediaType.${outlet.media_type}`)}</Table.Td>
              <Table.Td style={RIGHT}>{formatCount(outlet.agreements)}</Table.Td>
              <Table.Td style={RIGHT}>{formatRupiah(outlet.ceiling.amount)}</Table.Td>
              <Table.Td style={RIGHT}>{formatRupiah(outlet.paid.amount)}</Table.Td>
              <Table.Td>
                <ShareBar outlet={outlet} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The year's agreements in number order, each with its ceiling and what was paid under it. */
function Agreements({ year }: { year: PublicYear }) {
  const { t } = useTranslation('transparency');
  const period = (agreement: PublicAgreement) => t('year.agreements.period', { from: formatDay(agreement.starts_on), to: formatDay(agreement.ends_on) });
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped aria-label={t('year.agreements.tableLabel', { year: year.fiscal_year })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('year.agreements.col.number')}</Table.Th>
            <Table.Th>{t('year.agreements.col.company')}</Table.Th>
            <Table.Th>{t('year.agreements.col.outlet')}</Table.Th>
            <Table.Th>{t('year.agreements.col.tier')}</Table.Th>
            <Table.Th>{t('year.agreements.col.period')}</Table.Th>
            <Table.Th>{t('year.agreements.col.state')}</Table.Th>
            <Table.Th style={RIGHT}>{t('year.agreements.col.ceiling')}</Table.Th>
            <Table.Th style={RIGHT}>{t('year.agreements.col.paid')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {year.agreements.map((agreement) => (
            <Table.Tr key={agreement.number}>
              <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                {agreement.number}
              </Table.Th>
              <Table.Td>{agreement.company}</Table.Td>
              <Table.Td>
                <Text span size="sm" display="block">
                  {agreement.outlet}
                </Text>
                <Text span size="xs" c="dimmed" display="block">
                  {t(`mediaType.${agreement.media_type}`)}
                </Text>
              </Table.Td>
              <Table.Td>{agreement.tier}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{period(agreement)}</Table.Td>
              <Table.Td>
                <Badge color={STATE_COLOR[agreement.state]} variant="light" tt="none" miw="max-content">
                  {t(`state.${agreement.state}`)}
                </Badge>
              </Table.Td>
              <Table.Td style={RIGHT}>{formatRupiah(agreement.ceiling.amount)}</Table.Td>
              <Table.Td style={RIGHT}>{formatRupiah(agreement.paid.amount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The year picker: the years the organisation has published, newest first, and the one read. */
function YearPicker({ slug, year, years }: { slug: string; year: number; years: readonly number[] }) {
  const { t } = useTranslation('transparency');
  const navigate = useNavigate();
  const choices = [...new Set([...years, year])].sort((a, b) => b - a);
  return (
    <Select
      label={t('year.picker')}
      w={160}
      allowDeselect={false}
      data={choices.map((choice) => ({ value: String(choice), label: String(choice) }))}
      value={String(year)}
      onChange={(next) => {
        if (next !== null) void navigate(`/public/${encodeURIComponent(slug)}/${next}`);
      }}
    />
  );
}

/**
 * One organisation's year of publication partnerships with the press, for anyone to read: what the
 * page is, the year's totals, what each outlet was given and paid (largest first, with its share),
 * the agreements and the partners. Companies, outlets and money only: nothing personal.
 */
export function YearPage() {
  const { t } = useTranslation('transparency');
  const params = useParams();
  const slug = params.slug ?? '';
  const year = yearOfAddress(params.year);
  const organisation = useQuery({ ...organisationQuery(slug), enabled: year !== null });
  const report = useQuery({ ...yearQuery(slug, year ?? 0), enabled: year !== null });

  if (year === null) {
    return (
      <PublicFrame>
        <NotPublished />
      </PublicFrame>
    );
  }
  const name = report.data?.organisation.name ?? organisation.data?.name;
  return (
    <PublicFrame organisation={name === undefined ? undefined : { slug, name }}>
      {report.isPending && <PageLoader />}
      {report.isError && <PublicProblem error={report.error} onRetry={() => void report.refetch()} />}
      {report.isSuccess && (
        <Stack gap="xl">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <div>
              <Title order={1}>{t('year.title', { name: report.data.organisation.name, year })}</Title>
              <Text c="dimmed" mt={4} maw={760}>
                {t('year.about', { name: report.data.organisation.name, year })}
              </Text>
            </div>
            <YearPicker slug={slug} year={year} years={organisation.data?.fiscal_years ?? []} />
          </Group>
          {report.data.agreements.length === 0 ? (
            <Text c="dimmed">{t('year.none', { name: report.data.organisation.name, year })}</Text>
          ) : (
            <>
              <Totals year={report.data} />
              <Section title={t('year.outlets.title')}>
                <Outlets year={report.data} />
              </Section>
              <Section title={t('year.agreements.title')}>
                <Agreements year={report.data} />
              </Section>
              <Section title={t('year.partners.title')}>
                <List aria-label={t('year.partners.title')} spacing={4}>
                  {report.data.partners.map((partner) => (
                    <List.Item key={partner}>{partner}</List.Item>
                  ))}
                </List>
              </Section>
            </>
          )}
        </Stack>
      )}
    </PublicFrame>
  );
}
