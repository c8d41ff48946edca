import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { ApiError } from '../../lib/api.client.ts';
import { HelpWithoutAccount } from './account-links.component.tsx';
import { resendVerification, signIn } from './accounts.api.ts';
import { checkEmail, safeNext } from './accounts.validation.ts';
import { ErrorSummary, errorsFromApi, SuccessNotice, TextField, useFormErrors } from './form.components.tsx';
import { PasskeyCancelled, PasskeyUnsupported, signInWithPasskey } from './passkey.client.ts';
import { useSession, useSessionEnded } from './session.context.tsx';

const ORDER = ['email', 'password'] as const;
const FIELDS = { '/email': 'email', '/password': 'password' };

/** Where other pages send people with a message to show here ("You have signed out"). */
export interface SignInNotice {
  notice?: 'signedOut' | 'signedOutEverywhere' | 'passwordReset';
}

/** Citizen sign-in: email and password (paste allowed, password managers invited, WCAG 3.3.8) or a passkey. */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const { setUser } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [unverified, setUnverified] = useState(false);
  const [staff, setStaff] = useState(false);
  const errors = useFormErrors(ORDER);
  useDocumentTitle(t('signIn.title'), errors.hasErrors);
  const notice = (location.state as SignInNotice | null)?.notice;
  useSessionEnded(notice !== undefined);
  const next = safeNext(params.get('next'));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setUnverified(false);
    setStaff(false);
    const fields = { email: checkEmail(email, t), password: password ? undefined : t('fields.passwordMissing') };
    if (fields.email || fields.password) {
      errors.show({ fields, form: null });
      return;
    }
    setBusy(true);
    try {
      const answer = await signIn({ email: email.trim(), password });
      if ('user' in answer) {
        errors.clear();
        setUser(answer.user);
        navigate(next, { replace: true });
        return;
      }
      // A staff account: its second factor is completed in the console, not here.
      setStaff(true);
      errors.clear();
    } catch (error) {
      if (error instanceof ApiError && error.problem?.code === 'email_not_verified') setUnverified(true);
      errors.show(errorsFromApi(error, FIELDS, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  const onPasskey = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const { user } = await signInWithPasskey();
      errors.clear();
      setUser(user);
      navigate(next, { replace: true });
    } catch (error) {
      if (error instanceof PasskeyCancelled) errors.show({ fields: {}, form: t('signIn.passkeyCancelled') });
      else if (error instanceof PasskeyUnsupported) errors.show({ fields: {}, form: t('signIn.passkeyUnsupported') });
      else errors.show(errorsFromApi(error, {}, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  const onResend = async () => {
    setBusy(true);
    try {
      await resendVerification(email.trim());
      navigate('/sign-up/check-email', { state: { email: email.trim(), resent: true } });
    } catch (error) {
      errors.show(errorsFromApi(error, FIELDS, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      {notice && !errors.hasErrors ? <SuccessNotice>{t(`signIn.${notice}`)}</SuccessNotice> : null}
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <HelpWithoutAccount />
      {unverified ? (
        <div className="inset">
          <button type="button" className="button button--secondary" onClick={onResend} aria-disabled={busy}>
            {t('signIn.resend')}
          </button>
        </div>
      ) : null}
      {staff ? (
        <div className="inset" role="status">
          <p>{t('signIn.staff')}</p>
          <a href="/console/">{t('signIn.staffLink')}</a>
        </div>
      ) : null}
      <form noValidate onSubmit={onSubmit}>
        <TextField
          id="email"
          label={t('fields.email')}
          error={errors.fields.email}
          type="email"
          autoComplete="username webauthn"
          spellCheck={false}
          autoCapitalize="none"
          value={email}
          onChange={setEmail}
        />
        <TextField
          id="password"
          label={t('fields.password')}
          error={errors.fields.password}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={busy}>
            {t('signIn.submit')}
          </button>
          <Link to="/forgot-password" className="button-link">
            {t('signIn.forgot')}
          </Link>
        </div>
      </form>

      <p className="divider">
        <span>{t('signIn.or')}</span>
      </p>
      <button type="button" className="button button--secondary button--block" onClick={onPasskey} aria-disabled={busy}>
        <KeyIcon />
        {t('signIn.passkey')}
      </button>
      <p className="hint">{t('signIn.passkeyHint')}</p>

      <h2>{t('signIn.noAccount')}</h2>
      <p>
        <Link to="/sign-up">{t('signIn.createAccount')}</Link>
      </p>
    </div>
  );
}

export function KeyIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M7 14a2 2 0 1 1 0-4 2 2 0 0 1 0 4zm5.65-4A6 6 0 1 0 12.65 14H17v4h4v-4h2v-4z" />
    </svg>
  );
}
