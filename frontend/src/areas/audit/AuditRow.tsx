import { Button, Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../api/types';
import { formatInstant } from '../../format';

function Snapshot({ label, value }: { label: string; value: AuditEvent['before'] }) {
  const { t } = useTranslation('audit');
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
          {t('noData')}
        </Text>
      )}
    </Stack>
  );
}

export function AuditRow({ event }: { event: AuditEvent }) {
  const { t } = useTranslation('audit');
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
            aria-label={t(open ? 'hideDetails' : 'showDetails', { sequence: event.sequence })}
            onClick={() => setOpen((value) => !value)}
          >
            {open ? '−' : '+'}
          </Button>
        </Table.Td>
        <Table.Td>{event.sequence}</Table.Td>
        <Table.Td>
          <time dateTime={event.occurred_at}>{formatInstant(event.occurred_at)}</time>
        </Table.Td>
        <Table.Td>{event.actor_username ?? t('system')}</Table.Td>
        <Table.Td>
          <Text size="sm">{t(`action.${event.action}`, { defaultValue: event.action })}</Text>
          {/* The code too: auditors search for it, and it is what exports and the API say. */}
          <Text size="xs" c="dimmed" ff="monospace">
            {event.action}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{t(`entity.${event.entity_type}`, { defaultValue: event.entity_type })}</Text>
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
                <Snapshot label={t('before')} value={event.before} />
                <Snapshot label={t('after')} value={event.after} />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {t('requestId')}: <Code>{event.request_id ?? t('common.none')}</Code> · {t('hash')}: <Code>{event.hash}</Code>
              </Text>
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
