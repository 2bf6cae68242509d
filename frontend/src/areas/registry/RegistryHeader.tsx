import { Group, Tabs, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** The registry's two lists; each is the way into its records. */
const LISTS = ['companies', 'outlets'] as const;
type List = (typeof LISTS)[number];

/** The registry's heading, the switch between its lists, and the list's own actions. */
export function RegistryHeader({ list, actions }: { list: List; actions?: ReactNode }) {
  const { t } = useTranslation('registry');
  const navigate = useNavigate();
  return (
    <>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('title')}</Title>
          <Text c="dimmed" size="sm" mt={4} maw={720}>
            {t('intro')}
          </Text>
        </div>
        {actions}
      </Group>
      <Tabs
        value={list}
        onChange={(next) => {
          const target = LISTS.find((name) => name === next);
          if (target) void navigate(`/registry/${target}`);
        }}
      >
        <Tabs.List>
          {LISTS.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`list.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
    </>
  );
}
