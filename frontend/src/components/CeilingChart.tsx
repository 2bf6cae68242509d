import { Box, Group, Stack, Text } from '@mantine/core';
import { formatBasisPoints, formatRupiah } from '../format';
import { basisPointsOf } from './figures';

// The budget's pages and the dashboard show a budget line's ceiling alike: drawn here once for both,
// each saying it in its own words.

/** The parts a budget line's ceiling is made of, in the order the bar draws them from its start. */
const CEILING_PARTS = [
  { part: 'realised', color: 'var(--mantine-color-blue-8)' },
  { part: 'committed', color: 'var(--mantine-color-orange-5)' },
  { part: 'remaining', color: 'var(--mantine-color-teal-5)' },
] as const;
export type CeilingPart = (typeof CEILING_PARTS)[number]['part'];

/** A budget line's ceiling and the parts it is made of, each as the API writes an amount. */
export type CeilingFigures = Record<'ceiling' | CeilingPart, { amount: string }>;

/** Below this share of its ceiling (in basis points), a line's remaining amount is called out. */
const LOW_SHARE = 1000;

/** The whole of a bar, in the units its parts are measured in (basis points of the ceiling). */
const WHOLE = 10_000;

/** The colour of the track behind the parts: the whole ceiling. */
const TRACK = 'var(--mantine-color-gray-2)';

/**
 * A line's ceiling as a stacked bar: paid, then held by open orders, then what remains; the track
 * behind them is the whole ceiling. Its name (`describe`, given the amounts written out) says the
 * same in words, for those who do not see it.
 */
export function CeilingBar({ line, height, describe }: { line: CeilingFigures; height: number; describe: (amounts: Record<'ceiling' | CeilingPart, string>) => string }) {
  const ceiling = line.ceiling.amount;
  const segments = CEILING_PARTS.reduce<{ part: CeilingPart; color: string; x: number; width: number }[]>((drawn, { part, color }) => {
    const x = drawn.reduce((end, segment) => end + segment.width, 0);
    return [...drawn, { part, color, x, width: Math.min(basisPointsOf(line[part].amount, ceiling), WHOLE - x) }];
  }, []);
  return (
    <svg
      role="img"
      aria-label={describe({
        realised: formatRupiah(line.realised.amount),
        committed: formatRupiah(line.committed.amount),
        remaining: formatRupiah(line.remaining.amount),
        ceiling: formatRupiah(ceiling),
      })}
      viewBox={`0 0 ${WHOLE} 10`}
      preserveAspectRatio="none"
      width="100%"
      height={height}
      style={{ display: 'block', borderRadius: 4, overflow: 'hidden' }}
    >
      <rect x={0} y={0} width={WHOLE} height={10} fill={TRACK} />
      {segments.map((segment) =>
        segment.width > 0 ? <rect key={segment.part} data-part={segment.part} x={segment.x} y={0} width={segment.width} height={10} fill={segment.color} /> : null,
      )}
    </svg>
  );
}

function Swatch({ color, label }: { color: string; label: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Box w={12} h={12} style={{ background: color, borderRadius: 2 }} />
      <Text size="xs">{label}</Text>
    </Group>
  );
}

/**
 * What the bars' colours stand for, each part by `name`, and the track by `ceiling` when it is
 * given. Screen readers skip it: each bar says its figures in words.
 */
export function CeilingLegend({ name, ceiling }: { name: (part: CeilingPart) => string; ceiling?: string }) {
  return (
    <Group gap="md" aria-hidden>
      {CEILING_PARTS.map(({ part, color }) => (
        <Swatch key={part} color={color} label={name(part)} />
      ))}
      {ceiling !== undefined && <Swatch color={TRACK} label={ceiling} />}
    </Group>
  );
}

/**
 * What remains of a line: the amount, and its share of the ceiling in words (`describe`, given the
 * share written out and whether it is low), both called out in red when the share is low.
 */
export function RemainingFigure({ line, describe, hidden = false }: { line: CeilingFigures; describe: (share: string, low: boolean) => string; hidden?: boolean }) {
  const share = basisPointsOf(line.remaining.amount, line.ceiling.amount);
  const low = share < LOW_SHARE;
  return (
    <Stack gap={0} align="flex-end" aria-hidden={hidden || undefined}>
      <Text size="sm" fw={600} c={low ? 'red.7' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {formatRupiah(line.remaining.amount)}
      </Text>
      <Text size="xs" c={low ? 'red.7' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
        {describe(formatBasisPoints(share), low)}
      </Text>
    </Stack>
  );
}
