import type { SessionUser } from '@homeward/shared';
import i18next from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, isChallengeExpired, useFormErrors } from '../forms/form-errors.ts';
import { submitRecoveryCode, submitTotp } from './auth.api.ts';
import { ErrorSummary } from './error-summary.component.tsx';
import { useFocusHeading } from './focus-heading.hook.ts';
import { RestartSignIn } from './restart-sign-in.component.tsx';

/** Authenticator codes are 6 digits; people type them with spaces ("123 456") or paste them. */
export function normalizeCode(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export const TOTP_SHAPE = /^\d{6}$/;

/** Sign-in step two: the code from the authenticator app, or a way out to a recovery code. */
export function TotpStep({
  challenge,
  onSignedIn,
  onUseRecoveryCode,
}: {
  challenge: string;
  onSignedIn: (user: SessionUser) => void;
  onUseRecoveryCode: () => void;
}) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [expired, setExpired] = useState(false);
  const heading = useFocusHeading();
  useDocumentTitle(t('totp.title'), form.errors.length > 0);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const value = normalizeCode(code);
    if (!value) return form.show([{ fieldId: 'code', message: () => i18next.t('totp.codeMissing') }]);
    if (!TOTP_SHAPE.test(value)) return form.show([{ fieldId: 'code', message: () => i18next.t('totp.codeFormat') }]);
    setBusy(true);
    try {
      const { user } = await submitTotp(challenge, value);
      onSignedIn(user);
    } catch (error) {
      setExpired(isChallengeExpired(error));
      form.show(errorsFromFailure(error, { '/code': 'code' }, 'code', t('errors.network')));
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} version={form.version} />
      <h1 ref={heading} tabIndex={-1}>
        {t('totp.title')}
      </h1>
      <form noValidate onSubmit={onSubmit}>
        <Field id="code" label={t('totp.code')} hint={t('totp.codeHint')} error={form.errorFor('code')}>
          {(props) => (
            <input
              {...props}
              className={`${props.className} input--code`}
              name="code"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              spellCheck={false}
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          )}
        </Field>
        <div className="button-group">
          <button type="submit" className="button" aria-disabled={busy}>
            {t('totp.submit')}
          </button>
          <button type="button" className="link-button" onClick={onUseRecoveryCode}>
            {t('totp.useRecoveryCode')}
          </button>
        </div>
      </form>
      {expired ? <RestartSignIn /> : null}
    </div>
  );
}

/** For a lost phone: one of the ten recovery codes, spent on use. */
export function RecoveryCodeStep({
  challenge,
  onSignedIn,
  onUseAuthenticator,
}: {
  challenge: string;
  onSignedIn: (user: SessionUser) => void;
  onUseAuthenticator: () => void;
}) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [expired, setExpired] = useState(false);
  const heading = useFocusHeading();
  useDocumentTitle(t('recovery.title'), form.errors.length > 0);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const value = code.trim();
    if (!value) return form.show([{ fieldId: 'recovery-code', message: () => i18next.t('recovery.codeMissing') }]);
    setBusy(true);
    try {
      const { user } = await submitRecoveryCode(challenge, value);
      onSignedIn(user);
    } catch (error) {
      setExpired(isChallengeExpired(error));
      form.show(errorsFromFailure(error, { '/code': 'recovery-code' }, 'recovery-code', t('errors.network')));
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} version={form.version} />
      <h1 ref={heading} tabIndex={-1}>
        {t('recovery.title')}
      </h1>
      <p>{t('recovery.intro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <Field id="recovery-code" label={t('recovery.code')} error={form.errorFor('recovery-code')}>
          {(props) => (
            <input
              {...props}
              className={`${props.className} input--code`}
              name="recovery-code"
              type="text"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          )}
        </Field>
        <div className="button-group">
          <button type="submit" className="button" aria-disabled={busy}>
            {t('recovery.submit')}
          </button>
          <button type="button" className="link-button" onClick={onUseAuthenticator}>
            {t('recovery.useAuthenticator')}
          </button>
        </div>
      </form>
      {expired ? <RestartSignIn /> : null}
    </div>
  );
}
