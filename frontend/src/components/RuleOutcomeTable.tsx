import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Label, RuleOutcome, Verdict } from '../api/types';
import { useLabel } from '../hooks/useLabel';
import { describeExpected, describeFound } from './outcomes';

const VERDICT_COLOR: Record<Verdict, string> = { pass: 'green', fail: 'red', missing: 'yellow' };

interface RuleOutcomeTableProps {
  rules: readonly RuleOutcome[];
  /**
   * The rules' names as the policy gives them, by code; a rule the map does not name (or every
   * rule, while the policy is not at hand) is named by its kind.
   */
  labels?: ReadonlyMap<string, Label>;
  /** The fiscal year judged, which a missing newsroom fact is recorded for. */
  year: number;
}

/**
 * An eligibility judgement rule by rule: each rule's verdict, what the policy asks and what the
 * registry holds, in words, and for a missing fact where to record it. The registry's outlet page
 * and an application's readiness show the same judgement, so they show it the same way.
 */
export function RuleOutcomeTable({ rules, labels, year }: RuleOutcomeTableProps) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const language = i18n.resolvedLanguage ?? 'id';
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped aria-label={t('ruleOutcome.table')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('ruleOutcome.colRule')}</Table.Th>
            <Table.Th>{t('ruleOutcome.colVerdict')}</Table.Th>
            <Table.Th>{t('ruleOutcome.colExpected')}</Table.Th>
            <Table.Th>{t('ruleOutcome.colFound')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((outcome) => {
            const name = labels?.get(outcome.rule);
            return (
              <Table.Tr key={outcome.rule}>
                <Table.Th scope="row" fw={400}>
                  <Text size="sm" fw={500}>
                    {name ? label(name) : t(`ruleKind.${outcome.kind}`)}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {outcome.rule}
                  </Text>
                </Table.Th>
                <Table.Td>
                  {/* A table gives a badge, which clips its label, no width of its own: it needs the whole word. */}
                  <Badge color={VERDICT_COLOR[outcome.verdict]} variant="light" tt="none" miw="max-content">
                    {t(`verdict.${outcome.verdict}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{describeExpected(t, language, outcome)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{describeFound(t, outcome)}</Text>
                  {outcome.verdict === 'missing' && (
                    <Text size="xs" c="dimmed">
                      {t(`ruleOutcome.missingHint.${outcome.kind}`, { year })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
