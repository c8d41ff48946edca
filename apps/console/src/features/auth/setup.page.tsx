import type { SessionUser } from '@homeward/shared';
import i18next from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { landingPath } from '../../app/access.ts';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import { completeSetup, type TotpSetupStep } from './auth.api.ts';
import { ErrorSummary } from './error-summary.component.tsx';
import { RecoveryCodes } from './recovery-codes.component.tsx';
import { TotpSetup } from './totp-setup.component.tsx';

// Decision 0003: at least 10 characters, at most 1024; the server judges how guessable it is.
const MIN_PASSWORD = 10;
const MAX_PASSWORD = 1024;

type Step =
  | { kind: 'password' }
  | { kind: 'totp'; setup: TotpSetupStep }
  | { kind: 'codes'; codes: string[]; user: SessionUser };

/** `/console/setup?token=…`: the link an administrator hands a new colleague. Password, then the authenticator. */
export function SetupPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token') ?? '';
  const [step, setStep] = useState<Step>({ kind: 'password' });

  if (step.kind === 'totp') {
    return (
      <TotpSetup
        step={step.setup}
        onDone={({ user, recoveryCodes }) => setStep({ kind: 'codes', codes: recoveryCodes, user })}
      />
    );
  }
  if (step.kind === 'codes') {
    return <RecoveryCodes codes={step.codes} onContinue={() => navigate(landingPath(step.user.role))} />;
  }
  return <SetPassword token={token} onDone={(setup) => setStep({ kind: 'totp', setup })} />;
}

function SetPassword({ token, onDone }: { token: string; onDone: (setup: TotpSetupStep) => void }) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('setup.title'), form.errors.length > 0);

  if (!token) {
    return (
      <div className="narrow">
        <h1>{t('setup.noTokenTitle')}</h1>
        <p>{t('setup.noToken')}</p>
        <p>
          <Link to="/">{t('setup.signIn')}</Link>
        </p>
      </div>
    );
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors: FormError[] = [];
    if (!password) errors.push({ fieldId: 'new-password', message: () => i18next.t('setup.passwordMissing') });
    else if (password.length < MIN_PASSWORD)
      errors.push({ fieldId: 'new-password', message: () => i18next.t('setup.passwordShort') });
    else if (password.length > MAX_PASSWORD)
      errors.push({ fieldId: 'new-password', message: () => i18next.t('setup.passwordLong') });
    if (password && confirm !== password)
      errors.push({ fieldId: 'confirm-password', message: () => i18next.t('setup.confirmMismatch') });
    if (errors.length > 0) return form.show(errors);
    setBusy(true);
    try {
      onDone(await completeSetup(token, password));
    } catch (error) {
      form.show(errorsFromFailure(error, { '/password': 'new-password' }, 'new-password', t('errors.network')));
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} version={form.version} />
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <Field
          id="new-password"
          label={t('setup.password')}
          hint={t('setup.passwordHint')}
          error={form.errorFor('new-password')}
        >
          {(props) => (
            <input
              {...props}
              name="new-password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <Field id="confirm-password" label={t('setup.confirm')} error={form.errorFor('confirm-password')}>
          {(props) => (
            <input
              {...props}
              name="confirm-password"
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(event) => setConfirm(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" aria-disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </div>
  );
}
