import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { YearSelect as SharedYearSelect } from '../../components/YearSelect';
import type { RealisationDimension, RealisationRow } from './model';
import { useRowName } from './names';

/** The fiscal year picker, labelled in this area's words. */
export function YearSelect(props: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('reports');
  return <SharedYearSelect label={t('fiscalYear')} {...props} />;
}

/** A row's name in the table, under its code (a budget line's account code, a unit's code) when it has one. */
export function RowName({ row, by }: { row: RealisationRow; by: RealisationDimension }) {
  const name = useRowName();
  return (
    <>
      {row.code !== null && (
        <Text span size="xs" c="dimmed" ff="monospace" display="block">
          {row.code}
        </Text>
      )}
      <Text span size="sm" display="block">
        {name(row, by)}
      </Text>
    </>
  );
}
