import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { rupiah } from '../../api/money';
import type { PolicyVersion } from '../../api/types';
import { groupDigits } from '../../format';
import { useApiForm } from '../../hooks/useApiForm';
import { RateCardTable } from './RateCardTable';
import { rateTables, tiersDown } from './rateGrid';
import { rowError, useVersionSave } from './saving';
import { pricesSchema } from './schemas';

/** Every field error on `policy.rate_card[i]` shows on that rate's price: the one thing edited here. */
function placeError(path: string): Path<{ prices: string[] }> | undefined {
  const at = rowError(path, 'rate_card');
  return at ? `prices.${at.row}` : undefined;
}

/** The rate card with every price editable in place; saving sends the rate card alone. */
export function RateCardEditor({ version: shown, onClose }: { version: PolicyVersion; onClose: () => void }) {
  // The version as it was when editing began: its If-Match refuses saving over someone else's save.
  const [version] = useState(shown);
  const { t } = useTranslation('policy');
  const { policy } = version;
  const save = useVersionSave(version, onClose);
  const editor = useApiForm({
    schema: pricesSchema,
    defaultValues: { prices: policy.rate_card.map((rate) => groupDigits(rate.max_unit_price.amount)) },
    send: ({ prices }) =>
      save.send({
        policy: { rate_card: policy.rate_card.map((rate, index) => ({ ...rate, max_unit_price: rupiah(prices[index] ?? rate.max_unit_price.amount) })) },
      }),
    placeFieldError: placeError,
    onUnchanged: onClose,
    onSuccess: save.onSuccess,
    onError: save.onError,
  });
  const tiers = tiersDown(policy);

  return (
    <form noValidate onSubmit={editor.submit} aria-label={t('rateCardEdit')}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('rateCardEditIntro')}
        </Text>
        {editor.formError && (
          <Alert color="red" role="alert">
            {editor.formError}
          </Alert>
        )}
        {rateTables(policy).map((table) => (
          <RateCardTable
            key={table.media}
            table={table}
            tiers={tiers}
            cell={({ index }, name) => (
              <TextInput
                size="xs"
                inputMode="numeric"
                aria-label={name}
                leftSection={<Text size="xs">Rp</Text>}
                styles={{ input: { textAlign: 'right' } }}
                miw={150}
                error={editor.fieldError(`prices.${index}`)}
                {...editor.form.register(`prices.${index}`)}
              />
            )}
          />
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={editor.pending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
