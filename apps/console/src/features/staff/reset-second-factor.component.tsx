import i18next from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Confirm } from '../forms/confirm.component.tsx';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, useFormErrors } from '../forms/form-errors.ts';
import { CopyLink } from './copy-link.component.tsx';
import { resetSecondFactor, type StaffAccount } from './staff.api.ts';

/** For a lost phone: voids the colleague's authenticator and gives a new setup link, with a reason for the log. */
export function ResetSecondFactor({ account }: { account: StaffAccount }) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [setupUrl, setSetupUrl] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim())
      return form.show([{ fieldId: 'reset-reason', message: () => i18next.t('staffForm.reasonMissing') }]);
    form.clear();
    setConfirming(true);
  };

  const onConfirm = async () => {
    if (busy) return;
    setBusy(true);
    try {
      setSetupUrl((await resetSecondFactor(account.id, reason.trim())).setupUrl);
      setConfirming(false);
    } catch (error) {
      form.show(errorsFromFailure(error, { '/reason': 'reset-reason' }, 'reset-reason', t('errors.network')));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="section narrow" aria-labelledby="reset-title">
      <h2 id="reset-title">{t('reset.title')}</h2>
      {setupUrl ? (
        <div role="status">
          <p>{t('reset.done', { name: account.displayName })}</p>
          <CopyLink id="reset-setup-url" label={t('staffForm.setupLink')} url={setupUrl} />
        </div>
      ) : (
        <>
          <ErrorSummary errors={form.errors} version={form.version} />
          <p>{t('reset.intro')}</p>
          <form noValidate onSubmit={onSubmit}>
            <Field
              id="reset-reason"
              label={t('staffForm.reason')}
              hint={t('reset.reasonHint')}
              error={form.errorFor('reset-reason')}
              base="textarea"
            >
              {(props) => (
                <textarea {...props} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
              )}
            </Field>
            {confirming ? (
              <Confirm
                question={t('reset.confirmText', { name: account.displayName })}
                confirmLabel={t('reset.confirm')}
                onConfirm={onConfirm}
                onCancel={() => setConfirming(false)}
                busy={busy}
              />
            ) : (
              <button type="submit" className="button button--warning">
                {t('reset.submit')}
              </button>
            )}
          </form>
        </>
      )}
    </section>
  );
}
