import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A page's heading, a line saying what the page is for, and the page's own actions beside them. */
export function PageHeader({ title, intro, actions }: { title: ReactNode; intro?: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        <Title order={1}>{title}</Title>
        {intro && (
          <Text c="dimmed" size="sm" mt={4} maw={720}>
            {intro}
          </Text>
        )}
      </div>
      {actions}
    </Group>
  );
}
