import { Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaTypeValues } from '../../api/schema';
import type { MediaType, PolicyVersion } from '../../api/types';
import { useLabel } from '../../hooks/useLabel';
import { RequirementsEditor } from './RequirementsEditor';
import { formatMegabytes } from '../../format';

/** The documents an applicant provides, by media type; an admin edits them while the version is open. */
export function RequirementsTab({ version, editable }: { version: PolicyVersion; editable: boolean }) {
  const { t } = useTranslation('policy');
  const label = useLabel();
  const [editing, setEditing] = useState(false);
  const [media, setMedia] = useState<MediaType | 'all'>('all');

  if (editing) return <RequirementsEditor version={version} onClose={() => setEditing(false)} />;

  const shown = version.policy.requirements.filter((requirement) => media === 'all' || requirement.media_types.includes(media));
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <SegmentedControl
          aria-label={t('filterMediaType')}
          value={media}
          onChange={setMedia}
          data={[
            { value: 'all', label: t('common.all') },
            ...mediaTypeValues.map((type) => ({ value: type, label: t(`mediaType.${type}`) })),
          ]}
        />
        {editable && <Button onClick={() => setEditing(true)}>{t('requirementsEdit')}</Button>}
      </Group>
      <Text size="sm" c="dimmed">
        {t('requirementsCount', { count: shown.length, mandatory: shown.filter((requirement) => requirement.mandatory).length })}
      </Text>
      <Table.ScrollContainer minWidth={760}>
        <Table striped aria-label={t('tab.requirements')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('colRequirement')}</Table.Th>
              <Table.Th>{t('colMediaTypes')}</Table.Th>
              <Table.Th>{t('colMandatory')}</Table.Th>
              <Table.Th>{t('colExpiry')}</Table.Th>
              <Table.Th>{t('colFileTypes')}</Table.Th>
              <Table.Th>{t('colMaxSize')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((requirement) => (
              <Table.Tr key={requirement.code}>
                <Table.Td>
                  <Text size="sm">{label(requirement.label)}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {requirement.code}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {requirement.media_types.map((type) => (
                      <Badge key={type} variant="light" tt="none">
                        {t(`mediaType.${type}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {requirement.mandatory ? <Badge color="red">{t('mandatory')}</Badge> : <Badge color="gray">{t('optional')}</Badge>}
                </Table.Td>
                <Table.Td>{requirement.needs_expiry ? t('expiryNeeded') : t('common.none')}</Table.Td>
                <Table.Td>{requirement.file_types.map((type) => t(`fileType.${type}`)).join(', ')}</Table.Td>
                <Table.Td>{t('megabytes', { size: formatMegabytes(requirement.max_size_bytes) })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
