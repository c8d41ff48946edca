import type { SessionUser } from '@homeward/shared';
import i18next from 'i18next';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { landingPath } from '../../app/access.ts';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import { fetchMe, signIn, type TotpSetupStep } from './auth.api.ts';
import { ErrorSummary } from './error-summary.component.tsx';
import { RecoveryCodes } from './recovery-codes.component.tsx';
import { RecoveryCodeStep, TotpStep } from './second-factor.component.tsx';
import { TotpSetup } from './totp-setup.component.tsx';

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
  const form = useFormErrors();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('signIn.title'), form.errors.length > 0);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors: FormError[] = [];
    if (!email.trim()) errors.push({ fieldId: 'email', message: () => i18next.t('signIn.emailMissing') });
    else if (!EMAIL_SHAPE.test(email.trim())) {
      errors.push({ fieldId: 'email', message: () => i18next.t('signIn.emailFormat') });
    }
    if (!password) errors.push({ fieldId: 'password', message: () => i18next.t('signIn.passwordMissing') });
    form.show(errors);
    if (errors.length > 0) return;
    setBusy(true);
    try {
      const result = await signIn({ email: email.trim(), password });
      if ('user' in result) onUser(result.user);
      else if (result.next === 'totp') onTotp(result.challenge);
      else onSetup(result);
    } catch (error) {
      // The server already sends the title in the UI language (Accept-Language).
      form.show(errorsFromFailure(error, { '/email': 'email', '/password': 'password' }, 'email', t('errors.network')));
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} version={form.version} />
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <Field id="email" label={t('signIn.email')} error={form.errorFor('email')}>
          {(props) => (
            <input
              {...props}
              name="email"
              type="email"
              autoComplete="username"
              spellCheck={false}
              autoCapitalize="none"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field id="password" label={t('signIn.password')} error={form.errorFor('password')}>
          {(props) => (
            <input
              {...props}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" aria-disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
