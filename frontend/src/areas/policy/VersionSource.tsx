import { Anchor, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLabel } from '../../hooks/useLabel';
import { presetsQuery, versionQuery } from './queries';

const PRESET = /^preset:(.+)$/;
const VERSION = /^version:(.+)$/;

/** The version another was copied from, by its year and revision, with a link to it. */
function CopiedFrom({ id }: { id: string }) {
  const { t } = useTranslation('policy');
  const origin = useQuery(versionQuery(id));
  if (!origin.data) return <Text size="sm">{t('sourceVersionUnknown')}</Text>;
  return (
    <Text size="sm">
      {t('sourceVersion')}{' '}
      <Anchor component={Link} to={`/policy/versions/${id}`}>
        {t('versionName', { year: origin.data.fiscal_year, revision: origin.data.revision })}
      </Anchor>
    </Text>
  );
}

/** Where a version's content came from: `preset:oki` or `version:<id>`, in words. */
export function VersionSource({ source }: { source: string }) {
  const { t } = useTranslation('policy');
  const label = useLabel();
  const presets = useQuery(presetsQuery());
  const preset = PRESET.exec(source)?.[1];
  const copied = VERSION.exec(source)?.[1];
  if (copied !== undefined) return <CopiedFrom id={copied} />;
  if (preset !== undefined) {
    const found = presets.data?.find((known) => known.code === preset);
    return <Text size="sm">{t('sourcePreset', { name: found ? label(found.name) : preset })}</Text>;
  }
  return <Text size="sm">{source}</Text>;
}
