import { Button, Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../api/types';
import { formatInstant } from '../../format';

function Snapshot({ label, value }: { label: string; value: AuditEvent['before'] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {value ? (
        <Code block aria-label={label}>
          {JSON.stringify(value, null, 2)}
        </Code>
      ) : (
        <Text size="sm" c="dimmed">
          {t('audit.noData')}
        </Text>
      )}
    </Stack>
  );
}

export function AuditRow({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const detailsId = `audit-event-${event.id}`;
  return (
    <>
      <Table.Tr>
        <Table.Td>
          <Button
            size="compact-xs"
            variant="subtle"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={t(open ? 'audit.hideDetails' : 'audit.showDetails', { sequence: event.sequence })}
            onClick={() => setOpen((value) => !value)}
          >
            {open ? '−' : '+'}
          </Button>
        </Table.Td>
        <Table.Td>{event.sequence}</Table.Td>
        <Table.Td>
          <time dateTime={event.occurred_at}>{formatInstant(event.occurred_at)}</time>
        </Table.Td>
        <Table.Td>{event.actor_username ?? t('audit.system')}</Table.Td>
        <Table.Td>
          <Code>{event.action}</Code>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{t(`audit.entity.${event.entity_type}`, { defaultValue: event.entity_type })}</Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {event.entity_id}
          </Text>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={6}>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <Snapshot label={t('audit.before')} value={event.before} />
                <Snapshot label={t('audit.after')} value={event.after} />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {t('audit.requestId')}: <Code>{event.request_id ?? t('common.none')}</Code> · {t('audit.hash')}: <Code>{event.hash}</Code>
              </Text>
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
