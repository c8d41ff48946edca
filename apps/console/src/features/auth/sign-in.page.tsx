import { problemTitle, type SessionUser } from '@homeward/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { landingPath } from '../../app/access.ts';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import { fetchMe, signIn, type TotpSetupStep } from './auth.api.ts';
import { ErrorSummary, type SummaryError } from './error-summary.component.tsx';
import { RecoveryCodes } from './recovery-codes.component.tsx';
import { RecoveryCodeStep, TotpStep } from './second-factor.component.tsx';
import { TotpSetup } from './totp-setup.component.tsx';

type FieldErrors = Partial<Record<'email' | 'password', string>>;

// Same rule as the server's `format: 'email'` in spirit: something@something.tld, no spaces.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** After the password: nothing more, a code, a recovery code, first-time setup, or the new recovery codes. */
type Step =
  | { kind: 'password' }
  | { kind: 'totp'; challenge: string }
  | { kind: 'recovery'; challenge: string }
  | { kind: 'setup'; setup: TotpSetupStep }
  | { kind: 'codes'; codes: string[]; user: SessionUser };

/** Staff sign-in: password, then the second factor. Paste is allowed and password managers invited (WCAG 3.3.8). */
export function SignInPage() {
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const enter = (user: SessionUser) => navigate(landingPath(user.role));

  // Someone already signed in goes straight to their work.
  useEffect(() => {
    const controller = new AbortController();
    fetchMe(controller.signal).then(
      ({ user }) => navigate(landingPath(user.role), { replace: true }),
      () => {},
    );
    return () => controller.abort();
  }, [navigate]);

  switch (step.kind) {
    case 'totp':
      return (
        <TotpStep
          challenge={step.challenge}
          onSignedIn={enter}
          onUseRecoveryCode={() => setStep({ kind: 'recovery', challenge: step.challenge })}
        />
      );
    case 'recovery':
      return (
        <RecoveryCodeStep
          challenge={step.challenge}
          onSignedIn={enter}
          onUseAuthenticator={() => setStep({ kind: 'totp', challenge: step.challenge })}
        />
      );
    case 'setup':
      return (
        <TotpSetup
          step={step.setup}
          onDone={({ user, recoveryCodes }) => setStep({ kind: 'codes', codes: recoveryCodes, user })}
        />
      );
    case 'codes':
      return <RecoveryCodes codes={step.codes} onContinue={() => enter(step.user)} />;
    default:
      return (
        <PasswordStep
          onUser={enter}
          onTotp={(challenge) => setStep({ kind: 'totp', challenge })}
          onSetup={(setup) => setStep({ kind: 'setup', setup })}
        />
      );
  }
}

function PasswordStep({
  onUser,
  onTotp,
  onSetup,
}: {
  onUser: (user: SessionUser) => void;
  onTotp: (challenge: string) => void;
  onSetup: (setup: TotpSetupStep) => void;
}) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const summary: SummaryError[] = [
    ...(formError ? [{ fieldId: 'email', message: formError }] : []),
    ...(fieldErrors.email ? [{ fieldId: 'email', message: fieldErrors.email }] : []),
    ...(fieldErrors.password ? [{ fieldId: 'password', message: fieldErrors.password }] : []),
  ];
  const hasErrors = summary.length > 0;
  useDocumentTitle(t('signIn.title'), hasErrors);

  const validate = (): FieldErrors => {
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = t('signIn.emailMissing');
    else if (!EMAIL_SHAPE.test(email.trim())) errors.email = t('signIn.emailFormat');
    if (!password) errors.password = t('signIn.passwordMissing');
    return errors;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors = validate();
    setFormError(null);
    setFieldErrors(errors);
    if (errors.email || errors.password) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const result = await signIn({ email: email.trim(), password });
      if ('user' in result) onUser(result.user);
      else if (result.next === 'totp') onTotp(result.challenge);
      else onSetup(result);
    } catch (error) {
      const locale = currentLocale();
      const problem = error instanceof ApiError ? error.problem : null;
      if (problem?.errors?.length) {
        const fromServer: FieldErrors = {};
        for (const e of problem.errors) {
          if (e.field === '/email') fromServer.email = e.message;
          else if (e.field === '/password') fromServer.password = e.message;
        }
        setFieldErrors(fromServer);
        if (!fromServer.email && !fromServer.password) setFormError(problem.title);
      } else if (problem) {
        // The server already sends the title in the UI language (Accept-Language).
        setFormError(problem.title);
      } else {
        setFormError(
          error instanceof ApiError && error.status === 0
            ? t('errors.network')
            : problemTitle('internal_error', locale),
        );
      }
      setAttempt((n) => n + 1);
      setBusy(false);
    }
  };

  const emailError = fieldErrors.email ?? formError;
  return (
    <div className="narrow">
      <ErrorSummary errors={summary} version={attempt} />
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <div className={emailError ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor="email">
            {t('signIn.email')}
          </label>
          {emailError ? (
            <p className="error-message" id="email-error">
              <span className="visually-hidden">{t('errors.prefix')}</span>
              {emailError}
            </p>
          ) : null}
          <input
            id="email"
            name="email"
            className={emailError ? 'input input--error' : 'input'}
            type="email"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="none"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-describedby={emailError ? 'email-error' : undefined}
            aria-invalid={emailError ? true : undefined}
          />
        </div>
        <div className={fieldErrors.password ? 'form-group form-group--error' : 'form-group'}>
          <label className="label" htmlFor="password">
            {t('signIn.password')}
          </label>
          {fieldErrors.password ? (
            <p className="error-message" id="password-error">
              <span className="visually-hidden">{t('errors.prefix')}</span>
              {fieldErrors.password}
            </p>
          ) : null}
          <input
            id="password"
            name="password"
            className={fieldErrors.password ? 'input input--error' : 'input'}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-describedby={fieldErrors.password ? 'password-error' : undefined}
            aria-invalid={fieldErrors.password ? true : undefined}
          />
        </div>
        <button type="submit" className="button" aria-disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
