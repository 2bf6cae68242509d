import { Badge, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentKind } from './model';
import { paragraphsOf } from './model';

/** The area's heading with the page's own actions beside it. */
export function AreaHeader({ title, intro, actions }: { title: string; intro?: string; actions?: ReactNode }) {
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

export function KindBadge({ kind }: { kind: ContentKind }) {
  const { t } = useTranslation('content');
  return (
    <Badge variant="light" color={kind === 'press_release' ? 'blue' : 'grape'} tt="none">
      {t(`kind.${kind}`)}
    </Badge>
  );
}

/** A body as written: one paragraph per blank-line-separated block, a single line break kept inside it. */
export function Body({ body }: { body: string }) {
  return (
    <div>
      {paragraphsOf(body).map((paragraph, index) => (
        <Text key={index} component="p" mb="sm" style={{ whiteSpace: 'pre-line' }}>
          {paragraph}
        </Text>
      ))}
    </div>
  );
}
