import { Modal, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifySaved } from '../../components/notify';
import { PageLoader } from '../../components/PageLoader';
import type { Agreement } from './model';
import { agreementKeys, amendAgreement, budgetLinesQuery, policyVersionQuery, updateDraft } from './queries';
import { useAgreementChange } from './refresh';
import { productInfo, ratesFor, valuesFromAgreement } from './terms';
import { TermsForm, type TermsMode } from './TermsForm';

/**
 * The terms of an agreement to change: a draft's replaced whole (`PUT` with If-Match), an active
 * agreement's amended with the addendum's grounds, keeping its kind and budget line.
 */
export function TermsDialog({ agreement, mode, onClose }: { agreement: Agreement; mode: Exclude<TermsMode, 'create'>; onClose: () => void }) {
  const { t } = useTranslation('agreements');
  const queryClient = useQueryClient();
  const change = useAgreementChange(agreement, onClose);
  const canReadPolicy = useCan('policy.read');
  const version = useQuery({ ...policyVersionQuery(agreement.policy_version_id), enabled: canReadPolicy });
  const budgetLines = useQuery(budgetLinesQuery(agreement.fiscal_year));
  const policy = version.data?.policy;
  const rates = policy ? ratesFor(policy, agreement.media_type, agreement.tier) : [];
  const amending = mode === 'amend';

  let body;
  if (canReadPolicy && version.isPending) body = <PageLoader />;
  else if (version.isError) body = <ErrorAlert error={version.error} onRetry={() => void version.refetch()} />;
  else {
    body = (
      <TermsForm
        mode={mode}
        year={agreement.fiscal_year}
        defaults={valuesFromAgreement(
          agreement,
          rates.map(({ rate }) => rate),
        )}
        products={productInfo(rates, policy, agreement)}
        // An amendment keeps its budget line, whose figures the agreement carries.
        budgetLines={
          amending
            ? { data: [agreement.budget_line], pending: false, failed: false }
            : { data: budgetLines.data, pending: budgetLines.isPending, failed: budgetLines.isError }
        }
        reserved={amending ? agreement.reserved.amount : undefined}
        send={(terms, reason) => (amending ? amendAgreement(agreement, { reason, terms }) : updateDraft(agreement, terms))}
        onSuccess={(saved) => {
          notifySaved(t(amending ? 'amend.done' : 'edit.done', { number: saved.number }));
          queryClient.setQueryData(agreementKeys.agreement(saved.id), saved);
          change.saved();
          onClose();
        }}
        onError={change.refused}
        onCancel={onClose}
        submitLabel={t(amending ? 'amend.confirm' : 'common.save')}
        label={t(amending ? 'amend.title' : 'edit.title', { number: agreement.number })}
      />
    );
  }

  return (
    <Modal opened onClose={onClose} title={t(amending ? 'amend.title' : 'edit.title', { number: agreement.number })} size="95rem">
      <Text size="sm" mb="md">
        {t(amending ? 'amend.explain' : 'edit.explain')}
      </Text>
      {body}
    </Modal>
  );
}
