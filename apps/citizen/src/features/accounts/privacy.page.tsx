import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { ApiError } from '../../lib/api.client.ts';
import { BackToAccount, HelpWithoutAccount } from './account-links.component.tsx';
import { deleteAccount, EXPORT_PATH } from './accounts.api.ts';
import type { DeletedState } from './deleted.page.tsx';
import { ConfirmPanel, ErrorSummary, errorsFromApi, TextField, useFormErrors } from './form.components.tsx';

const ORDER = ['deletePassword'] as const;
const FIELDS = { '/password': 'deletePassword' };

/** Download everything held about you; delete the account after saying what is kept, the password, and a confirm. */
export function PrivacyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(ORDER);
  useDocumentTitle(t('privacy.title'), errors.hasErrors);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      errors.show({ fields: { deletePassword: t('fields.passwordMissing') }, form: null });
      return;
    }
    errors.clear();
    setConfirming(true);
  };

  const onConfirm = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const { kept } = await deleteAccount(password);
      navigate('/account-deleted', { replace: true, state: { kept } satisfies DeletedState });
    } catch (error) {
      setConfirming(false);
      const next = errorsFromApi(error, FIELDS, t('errors.network'));
      const wrongPassword = error instanceof ApiError && error.problem?.code === 'invalid_credentials';
      errors.show(wrongPassword && next.form ? { fields: { deletePassword: next.form }, form: null } : next);
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <BackToAccount />
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{t('privacy.title')}</h1>

      <section aria-labelledby="download-heading">
        <h2 id="download-heading">{t('privacy.downloadHeading')}</h2>
        <p>{t('privacy.downloadText')}</p>
        <a className="button button--secondary" href={EXPORT_PATH} download>
          {t('privacy.download')}
        </a>
      </section>

      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t('privacy.deleteHeading')}</h2>
        <p>{t('privacy.deleteText')}</p>
        <p>{t('privacy.keptText')}</p>
        <HelpWithoutAccount />
        {confirming ? (
          <ConfirmPanel
            id="confirm-delete"
            question={t('privacy.confirmHeading')}
            detail={t('privacy.confirmText')}
            yes={t('privacy.confirmYes')}
            busy={busy}
            onYes={() => void onConfirm()}
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <form noValidate onSubmit={onSubmit}>
            <TextField
              id="deletePassword"
              label={t('privacy.password')}
              hint={t('privacy.passwordHint')}
              error={errors.fields.deletePassword}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
            />
            <button type="submit" className="button button--warning">
              {t('privacy.submit')}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
