import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PolicyVersion } from '../../api/types';
import { useLabel } from '../../hooks/useLabel';
import { describeCheck } from './checks';
import { RulesEditor } from './RulesEditor';

/** The eligibility rules, each in words, and the media types it applies to. */
export function RulesTab({ version, editable }: { version: PolicyVersion; editable: boolean }) {
  const { t } = useTranslation('policy');
  const label = useLabel();
  const [editing, setEditing] = useState(false);

  if (editing) return <RulesEditor version={version} onClose={() => setEditing(false)} />;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={640}>
          {t('rulesIntro')}
        </Text>
        {editable && <Button onClick={() => setEditing(true)}>{t('rulesEdit')}</Button>}
      </Group>
      <Table.ScrollContainer minWidth={720}>
        <Table striped aria-label={t('tab.rules')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('colRule')}</Table.Th>
              <Table.Th>{t('colCheck')}</Table.Th>
              <Table.Th>{t('colMediaTypes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {version.policy.rules.map((rule) => (
              <Table.Tr key={rule.code}>
                <Table.Td>
                  <Text size="sm">{label(rule.label)}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {rule.code}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{describeCheck(t, rule.check)}</Text>
                  <Text size="xs" c="dimmed">
                    {t(`ruleKind.${rule.check.kind}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {rule.media_types.map((type) => (
                      <Badge key={type} variant="light" tt="none">
                        {t(`mediaType.${type}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
