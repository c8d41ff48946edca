import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { requestPasswordReset } from './accounts.api.ts';
import { checkEmail } from './accounts.validation.ts';
import { ErrorSummary, errorsFromApi, TextField, useFormErrors } from './form.components.tsx';

const ORDER = ['email'] as const;
const FIELDS = { '/email': 'email' };

/** Asks for the account's email and sends a reset link; the answer is the same whether or not it has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(ORDER);
  useDocumentTitle(sentTo ? t('forgot.sentTitle') : t('forgot.title'), errors.hasErrors);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const message = checkEmail(email, t);
    if (message) {
      errors.show({ fields: { email: message }, form: null });
      return;
    }
    setBusy(true);
    try {
      await requestPasswordReset(email.trim());
      errors.clear();
      setSentTo(email.trim());
    } catch (error) {
      errors.show(errorsFromApi(error, FIELDS, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  if (sentTo) {
    return (
      <div className="narrow">
        <h1>{t('forgot.sentTitle')}</h1>
        <p className="lead">{t('forgot.sentTo', { email: sentTo })}</p>
        <p>{t('forgot.sentExpiry')}</p>
        <button type="button" className="button button--secondary" onClick={() => setSentTo(null)}>
          {t('forgot.again')}
        </button>
      </div>
    );
  }

  return (
    <div className="narrow">
      <Link to="/sign-in" className="back-link">
        {t('common.back')}
      </Link>
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{t('forgot.title')}</h1>
      <p>{t('forgot.intro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <TextField
          id="email"
          label={t('fields.email')}
          error={errors.fields.email}
          type="email"
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          value={email}
          onChange={setEmail}
        />
        <button type="submit" className="button" aria-disabled={busy}>
          {t('forgot.submit')}
        </button>
      </form>
    </div>
  );
}
