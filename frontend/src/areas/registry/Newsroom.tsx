import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewsroomPerson, PressCompany } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListFooter } from '../../components/ListFooter';
import { formatDay } from '../../format';
import { maskedNik } from './facts';
import { EditPersonDialog, NewPersonDialog } from './PersonFormDialogs';
import { peoplePagesQuery } from './queries';
import { YearSelect } from './YearSelect';

type Dialog = { person?: NewsroomPerson } | null;

/**
 * A company's newsroom in one fiscal year: one journalist belongs to one company a year, so the
 * newsroom is recorded anew each year.
 */
export function Newsroom({ company, year, onYear }: { company: PressCompany; year: number; onYear: (year: number) => void }) {
  const { t } = useTranslation('registry');
  const canManage = useCan('registry.manage');
  const people = useInfiniteQuery(peoplePagesQuery(company.id, year));
  const items = people.data?.pages.flatMap((page) => page.items) ?? [];
  const [dialog, setDialog] = useState<Dialog>(null);
  const none = t('common.none');

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <YearSelect value={year} onChange={onYear} />
          <Text size="sm" c="dimmed" maw={520}>
            {t('newsroomIntro')}
          </Text>
        </Group>
        {canManage && <Button onClick={() => setDialog({})}>{t('personCreate')}</Button>}
      </Group>
      {people.isError && <ErrorAlert error={people.error} onRetry={() => void people.refetch()} />}
      <Table.ScrollContainer minWidth={760}>
        <Table striped aria-label={t('newsroomOf', { year })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.fullName')}</Table.Th>
              <Table.Th>{t('col.role')}</Table.Th>
              <Table.Th>{t('col.nik')}</Table.Th>
              <Table.Th>{t('col.competence')}</Table.Th>
              <Table.Th>{t('col.certificate')}</Table.Th>
              {canManage && <Table.Th w={100}>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((person) => (
              <Table.Tr key={person.id}>
                <Table.Td>{person.full_name}</Table.Td>
                <Table.Td>{t(`newsroomRole.${person.role}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {maskedNik(person.nik_last_four)}
                  </Text>
                </Table.Td>
                <Table.Td>{person.competence_level ? t(`competenceLevel.${person.competence_level}`) : t('noCompetence')}</Table.Td>
                <Table.Td>
                  {person.competence_certificate ?? none}
                  {person.competence_date && (
                    <Text size="xs" c="dimmed">
                      {formatDay(person.competence_date)}
                    </Text>
                  )}
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    <Button size="xs" variant="default" aria-label={t('personEditFor', { name: person.full_name })} onClick={() => setDialog({ person })}>
                      {t('edit')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ListFooter query={people} count={items.length} />
      {dialog && !dialog.person && <NewPersonDialog companyId={company.id} year={year} onClose={() => setDialog(null)} />}
      {dialog?.person && <EditPersonDialog person={dialog.person} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
