import { Badge, Group, Select, Tabs, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApplicationState, ReviewStatus } from '../../api/types';
import { jakartaYear } from '../../format';
import { isFiscalYear } from './address';

const STATE_COLOR: Record<ApplicationState, string> = {
  draft: 'gray',
  submitted: 'blue',
  in_review: 'indigo',
  revision_requested: 'orange',
  verified: 'teal',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'gray',
  lapsed: 'dark',
};

export function StateBadge({ state, size }: { state: ApplicationState; size?: string }) {
  const { t } = useTranslation('applications');
  return (
    <Badge color={STATE_COLOR[state]} variant="light" tt="none" miw="max-content" size={size}>
      {t(`state.${state}`)}
    </Badge>
  );
}

const REVIEW_COLOR: Record<ReviewStatus, string> = { pending: 'yellow', accepted: 'green', rejected: 'red' };

export function ReviewBadge({ review }: { review: ReviewStatus }) {
  const { t } = useTranslation('applications');
  return (
    <Badge color={REVIEW_COLOR[review]} variant="light" tt="none" miw="max-content">
      {t(`reviewStatus.${review}`)}
    </Badge>
  );
}

/**
 * A fiscal year to look at: the years around the one in progress (windows open for the next year
 * before it starts, and last year's applications are still read), and the year already shown.
 */
export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('applications');
  const now = jakartaYear();
  const years = [...new Set([now + 1, now, now - 1, now - 2, value])].filter(isFiscalYear).sort((a, b) => b - a);
  return (
    <Select
      label={t('fiscalYear')}
      w={150}
      allowDeselect={false}
      data={years.map((year) => ({ value: String(year), label: String(year) }))}
      value={String(value)}
      onChange={(year) => {
        if (year !== null) onChange(Number(year));
      }}
    />
  );
}

/** The area's pages reached from its heading; an application is reached from the list. */
const PAGES = [
  ['list', '/applications'],
  ['windows', '/applications/windows'],
  ['expiring', '/applications/expiring'],
] as const;
type PageName = (typeof PAGES)[number][0];

/** The area's heading, the switch between its pages, and the page's own actions. */
export function AreaHeader({ page, actions }: { page: PageName; actions?: ReactNode }) {
  const { t } = useTranslation('applications');
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
        value={page}
        onChange={(next) => {
          const target = PAGES.find(([name]) => name === next);
          if (target) void navigate(target[1]);
        }}
      >
        <Tabs.List>
          {PAGES.map(([name]) => (
            <Tabs.Tab key={name} value={name}>
              {t(`page.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
    </>
  );
}
