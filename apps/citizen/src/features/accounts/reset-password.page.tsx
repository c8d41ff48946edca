import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { ApiError } from '../../lib/api.client.ts';
import { confirmPasswordReset } from './accounts.api.ts';
import { checkNewPassword } from './accounts.validation.ts';
import { ErrorSummary, errorsFromApi, TextField, useFormErrors } from './form.components.tsx';
import { useSession } from './session.context.tsx';
import type { SignInNotice } from './sign-in.page.tsx';

const ORDER = ['password'] as const;
const FIELDS = { '/password': 'password' };

/** The link in the reset mail: choose a new password; every session of the account ends, then sign in. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { setUser } = useSession();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [expired, setExpired] = useState(false);
  const errors = useFormErrors(ORDER);
  useDocumentTitle(t('reset.title'), errors.hasErrors);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const message = checkNewPassword(password, t('fields.newPasswordMissing'), t);
    if (message) {
      errors.show({ fields: { password: message }, form: null });
      return;
    }
    setBusy(true);
    try {
      await confirmPasswordReset(token, password);
      setUser(null);
      navigate('/sign-in', { replace: true, state: { notice: 'passwordReset' } satisfies SignInNotice });
    } catch (error) {
      setExpired(error instanceof ApiError && error.problem?.code === 'link_invalid');
      errors.show(errorsFromApi(error, FIELDS, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  if (!token || expired) {
    return (
      <div className="narrow">
        <ErrorSummary errors={errors.summary} version={errors.version} />
        <h1>{t('reset.title')}</h1>
        {token ? null : <p>{t('reset.incomplete')}</p>}
        <p>
          <Link to="/forgot-password">{t('reset.newLink')}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{t('reset.title')}</h1>
      <p>{t('reset.intro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <TextField
          id="password"
          label={t('fields.newPassword')}
          hint={t('fields.passwordHint')}
          error={errors.fields.password}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
        />
        <button type="submit" className="button" aria-disabled={busy}>
          {t('reset.submit')}
        </button>
      </form>
    </div>
  );
}
