import type { SessionUser } from '@homeward/shared';
import i18next from 'i18next';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, isChallengeExpired, useFormErrors } from '../forms/form-errors.ts';
import { submitTotp, type TotpSetupStep } from './auth.api.ts';
import { ErrorSummary } from './error-summary.component.tsx';
import { useFocusHeading } from './focus-heading.hook.ts';
import { RestartSignIn } from './restart-sign-in.component.tsx';
import { normalizeCode, TOTP_SHAPE } from './second-factor.component.tsx';

/** "JBSW Y3DP EHPK 3PXP": the key in groups of four is easier to type into a phone. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * First-time second factor: the secret as a QR code drawn here in the browser (no outside service ever sees it)
 * and as text, then one code to prove the app has it.
 */
export function TotpSetup({
  step,
  onDone,
}: {
  step: TotpSetupStep;
  onDone: (result: { user: SessionUser; recoveryCodes: string[] }) => void;
}) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [expired, setExpired] = useState(false);
  const [qr, setQr] = useState<string | null>(null);
  const heading = useFocusHeading();
  useDocumentTitle(t('totpSetup.title'), form.errors.length > 0);

  useEffect(() => {
    let live = true;
    // Loaded on demand: only people setting up an authenticator need the QR encoder.
    import('qrcode')
      .then(({ toDataURL }) => toDataURL(step.otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 224 }))
      .then(
        (url) => live && setQr(url),
        () => live && setQr(null),
      );
    return () => {
      live = false;
    };
  }, [step.otpauthUrl]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const value = normalizeCode(code);
    if (!value) return form.show([{ fieldId: 'setup-code', message: () => i18next.t('totp.codeMissing') }]);
    if (!TOTP_SHAPE.test(value))
      return form.show([{ fieldId: 'setup-code', message: () => i18next.t('totp.codeFormat') }]);
    setBusy(true);
    try {
      const { user, recoveryCodes } = await submitTotp(step.challenge, value);
      onDone({ user, recoveryCodes: recoveryCodes ?? [] });
    } catch (error) {
      setExpired(isChallengeExpired(error));
      form.show(errorsFromFailure(error, { '/code': 'setup-code' }, 'setup-code', t('errors.network')));
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={form.errors} version={form.version} />
      <h1 ref={heading} tabIndex={-1}>
        {t('totpSetup.title')}
      </h1>
      <p>{t('totpSetup.intro')}</p>
      <ol className="steps">
        <li>
          <p>{t('totpSetup.scan')}</p>
          {qr ? <img className="qr" src={qr} width={224} height={224} alt={t('totpSetup.qrAlt')} /> : null}
        </li>
        <li>
          <p>{t('totpSetup.manual')}</p>
          <p>
            <code className="secret" data-secret={step.secret}>
              {groupSecret(step.secret)}
            </code>
          </p>
        </li>
        <li>
          <form noValidate onSubmit={onSubmit}>
            <Field
              id="setup-code"
              label={t('totpSetup.code')}
              hint={t('totp.codeHint')}
              error={form.errorFor('setup-code')}
            >
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
            <button type="submit" className="button" aria-disabled={busy}>
              {t('totpSetup.submit')}
            </button>
          </form>
        </li>
      </ol>
      {expired ? <RestartSignIn /> : null}
    </div>
  );
}
