import { Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fairnessDimensionValues } from '../../api/schema';
import { FigureTable, TotalFigure } from '../../components/FigureTable';
import { Loaded } from '../../components/Loaded';
import { formatBasisPoints, formatRupiah } from '../../format';
import { useFairnessFilters } from './address';
import { basisPointsOfFraction } from './amounts';
import { useCsvDownload } from './download';
import type { FairnessRow } from './model';
import { csvFileName, fairnessQuery, REPORT_PATHS } from './queries';
import { DimensionFilter, ReportFrame, type ChangeFilter } from './ReportFrame';
import { ShareChart } from './ShareChart';
import { formatCount, RIGHT } from './table';

/** The columns of figures every grouping has, in the order they read. */
const FIGURES = ['agreements', 'ceiling', 'realised', 'share'] as const;

const giniFormat = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** A Gini coefficient as Indonesian documents write a fraction: "0,42". */
function formatGini(gini: number): string {
  return giniFormat.format(gini);
}

/** A share the server gives as a fraction (0.1234), as a percentage: "12,34%". */
function formatShare(share: number): string {
  return formatBasisPoints(basisPointsOfFraction(share));
}

/** A headline figure: its name, the figure, and a line saying what it means. */
function Figure({ label, value, explanation }: { label: string; value: string; explanation: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={label}>
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
        <Text size="xl" fw={700}>
          {value}
        </Text>
        <Text size="xs" c="dimmed">
          {explanation}
        </Text>
      </Stack>
    </Paper>
  );
}

/** A row's name in the table: an outlet's under its company's, a tier's by its code. */
function GroupName({ row }: { row: FairnessRow }) {
  return (
    <>
      <Text span size="sm" display="block">
        {row.label}
      </Text>
      {row.company !== null && (
        <Text span size="xs" c="dimmed" display="block">
          {row.company}
        </Text>
      )}
    </>
  );
}

/**
 * How evenly the year's spending under agreements is spread over the outlets (or the tiers of the
 * rate card): each one's ceiling, what was paid and its share, largest first, as bars and in a
 * table; with how much the ten largest got and the Gini coefficient, and the same report as a CSV.
 */
export function FairnessPage() {
  const { t } = useTranslation('reports');
  const { filters, setFilter } = useFairnessFilters();
  const report = useQuery(fairnessQuery(filters));
  const download = useCsvDownload(REPORT_PATHS.fairness, filters, csvFileName.fairness(filters));
  const year = filters.fiscal_year;
  const dimension = t(`fairness.dimension.${filters.by}`);
  const byFilter = (change: ChangeFilter) => <DimensionFilter label={t('fairness.filter.by')} dimensions={fairnessDimensionValues} nameOf={(by) => t(`fairness.dimension.${by}`)} value={filters.by} onChange={change} />;

  return (
    <ReportFrame checkpoint={report.data?.checkpoint} page="fairness" title={t('fairness.title')} intro={t('fairness.intro')} filters={filters} setFilter={setFilter} download={download} extraFilters={byFilter}>
      <Loaded query={report} empty={(data) => (data.rows.length === 0 ? t('fairness.none', { year }) : null)}>
        {(data) => (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Figure label={t('fairness.topTen.label')} value={formatShare(data.total.top_ten_share)} explanation={t('fairness.topTen.explanation')} />
              <Figure label={t('fairness.gini.label')} value={formatGini(data.total.gini)} explanation={t('fairness.gini.explanation')} />
            </SimpleGrid>
            <ShareChart
              title={t('fairness.share.title')}
              bars={data.rows.map((row) => ({
                key: row.key,
                label: row.label,
                basisPoints: basisPointsOfFraction(row.share),
                describe: (share) => t('fairness.share.bar', { name: row.label, share, realised: formatRupiah(row.realised.amount) }),
              }))}
            />
            <FigureTable
              minWidth={880}
              label={t('fairness.tableLabel', { year, by: dimension })}
              names={[dimension]}
              figures={[...(data.by === 'tier' ? (['outlets'] as const) : []), ...FIGURES].map((figure) => t(`fairness.col.${figure}`))}
              total={t(`fairness.total.${data.by}`, { count: data.total.groups })}
              totals={
                <>
                  {data.by === 'tier' && <TotalFigure>{formatCount(data.rows.reduce((sum, row) => sum + row.outlets, 0))}</TotalFigure>}
                  <TotalFigure>{formatCount(data.total.agreements)}</TotalFigure>
                  <TotalFigure>{formatRupiah(data.total.ceiling.amount)}</TotalFigure>
                  <TotalFigure>{formatRupiah(data.total.realised.amount)}</TotalFigure>
                  <TotalFigure>{BigInt(data.total.realised.amount) > 0n ? formatBasisPoints(10_000) : '—'}</TotalFigure>
                </>
              }
            >
              {data.rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row" fw="normal">
                    <GroupName row={row} />
                  </Table.Th>
                  {data.by === 'tier' && <Table.Td style={RIGHT}>{formatCount(row.outlets)}</Table.Td>}
                  <Table.Td style={RIGHT}>{formatCount(row.agreements)}</Table.Td>
                  <Table.Td style={RIGHT}>{formatRupiah(row.ceiling.amount)}</Table.Td>
                  <Table.Td style={RIGHT}>{formatRupiah(row.realised.amount)}</Table.Td>
                  <Table.Td style={RIGHT}>{formatShare(row.share)}</Table.Td>
                </Table.Tr>
              ))}
            </FigureTable>
          </>
        )}
      </Loaded>
    </ReportFrame>
  );
}
