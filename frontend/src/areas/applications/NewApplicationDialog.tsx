import { Anchor, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/errors';
import { limits } from '../../api/limits';
import type { Outlet } from '../../api/types';
import { useCan } from '../../auth/hooks';
import { FormDialog } from '../../components/FormDialog';
import { notifySaved } from '../../components/notify';
import { jakartaYear } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { isFiscalYear } from './address';
import { applicationKeys, companiesQuery, createApplication, existingApplicationQuery, outletSearchQuery } from './queries';
import { newApplicationSchema } from './schemas';

/** How long typing pauses before the outlets are searched. */
const SEARCH_DELAY_MS = 300;

/** Refusals that say where to go next: to the existing application, or to the windows. */
function Guidance({ code, outletId, year }: { code: string | null; outletId: string; year: number }) {
  const { t } = useTranslation('applications');
  const existing = useQuery({ ...existingApplicationQuery(outletId, year), enabled: code === 'application_exists' && outletId !== '' });
  if (code === 'application_exists' && existing.data) {
    return (
      <Anchor component={Link} to={`/applications/${existing.data.id}`} size="sm">
        {t('openExisting', { outlet: existing.data.outlet_name, year })}
      </Anchor>
    );
  }
  if (code === 'no_open_window') {
    return (
      <Anchor component={Link} to={`/applications/windows?year=${year}`} size="sm">
        {t('windowsLink')}
      </Anchor>
    );
  }
  return null;
}

/**
 * Opens an application for an outlet picked from the registry, in a fiscal year whose window is
 * open; the new draft opens at once, to gather its documents.
 */
export function NewApplicationDialog({ year, onClose }: { year: number; onClose: () => void }) {
  const { t } = useTranslation('applications');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canReadRegistry = useCan('registry.read');
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Outlet | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  // A picked outlet's name fills the box; searching for it again would only find itself.
  const [debounced] = useDebouncedValue(picked !== null && search === picked.name ? '' : search.trim(), SEARCH_DELAY_MS);
  const outlets = useQuery({ ...outletSearchQuery(debounced), enabled: canReadRegistry, placeholderData: keepPreviousData });
  const companies = useQuery({ ...companiesQuery(), enabled: canReadRegistry });
  const companyName = (id: string) => companies.data?.find((company) => company.id === id)?.legal_name;

  const now = jakartaYear();
  const years = [...new Set([year, now, now + 1])].filter(isFiscalYear).sort((a, b) => a - b);

  const form = useApiForm({
    schema: newApplicationSchema,
    defaultValues: { outlet_id: '', fiscal_year: String(isFiscalYear(year) && year >= now ? year : now) },
    send: createApplication,
    fieldCodes: { unknown_outlet: 'outlet_id' },
    limits: limits.CreateApplicationRequest,
    onSuccess: (created) => {
      notifySaved(t('created', { outlet: created.outlet_name, year: created.fiscal_year }));
      void queryClient.invalidateQueries({ queryKey: applicationKeys.lists() });
      onClose();
      void navigate(`/applications/${created.id}`);
    },
    onError: (error) => setRefusal(error instanceof ApiError ? error.code : null),
  });
  const { control } = form.form;
  const outletId = useWatch({ control, name: 'outlet_id' });
  const chosenYear = Number(useWatch({ control, name: 'fiscal_year' }));

  const found = outlets.data ?? [];
  const options = picked && !found.some((outlet) => outlet.id === picked.id) ? [picked, ...found] : found;

  return (
    <FormDialog form={form} title={t('createTitle')} onClose={onClose} submitLabel={t('createConfirm')} size="lg">
      <Text size="sm">{t('createExplain')}</Text>
      {refusal !== null && <Guidance code={refusal} outletId={outletId} year={chosenYear} />}
      <Controller
        control={control}
        name="outlet_id"
        render={({ field }) => (
          <Select
            label={t('field.outlet')}
            description={t('hint.outlet')}
            placeholder={t('hint.outletPlaceholder')}
            required
            searchable
            disabled={!canReadRegistry}
            nothingFoundMessage={outlets.isFetching ? t('common.loading') : t('noOutlets')}
            searchValue={search}
            onSearchChange={setSearch}
            // The server has searched already; the list shows what it found.
            filter={({ options: shown }) => shown}
            data={options.map((outlet) => ({
              value: outlet.id,
              label: outlet.name,
            }))}
            renderOption={({ option }) => {
              const outlet = options.find((candidate) => candidate.id === option.value);
              return (
                <div>
                  <Text size="sm">{option.label}</Text>
                  {outlet && (
                    <Text size="xs" c="dimmed">
                      {t('outletOption', { media: t(`mediaType.${outlet.media_type}`), company: companyName(outlet.company_id) ?? '' })}
                    </Text>
                  )}
                </div>
              );
            }}
            value={field.value || null}
            onChange={(value) => {
              setPicked(options.find((outlet) => outlet.id === value) ?? null);
              setRefusal(null);
              field.onChange(value ?? '');
            }}
            onBlur={field.onBlur}
            ref={field.ref}
            error={form.fieldError('outlet_id')}
          />
        )}
      />
      <Controller
        control={control}
        name="fiscal_year"
        render={({ field }) => (
          <Select
            label={t('fiscalYear')}
            required
            allowDeselect={false}
            w={150}
            data={years.map((option) => ({ value: String(option), label: String(option) }))}
            value={field.value}
            onChange={(value) => {
              setRefusal(null);
              field.onChange(value ?? field.value);
            }}
            error={form.fieldError('fiscal_year')}
          />
        )}
      />
    </FormDialog>
  );
}
