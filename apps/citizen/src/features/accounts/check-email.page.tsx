import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { HelpWithoutAccount } from './account-links.component.tsx';
import { resendVerification } from './accounts.api.ts';
import { checkEmail } from './accounts.validation.ts';
import { ErrorSummary, errorsFromApi, SuccessNotice, TextField, useFormErrors } from './form.components.tsx';

export interface CheckEmailState {
  email?: string;
  resent?: boolean;
}

const ORDER = ['email'] as const;
const FIELDS = { '/email': 'email' };

/**
 * After sign-up: where the link went, how long it works, and a way to send it again. Opened without an address
 * (a reload, or an expired link), it asks for one first.
 */
export function CheckEmailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const state = (useLocation().state as CheckEmailState | null) ?? {};
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(ORDER);
  const sentTo = state.email;
  useDocumentTitle(sentTo ? t('checkEmail.title') : t('verify.newLink'), errors.hasErrors);

  const send = async (address: string) => {
    setBusy(true);
    try {
      await resendVerification(address);
      errors.clear();
      // Replace, so Back does not lead to a form that sends again.
      navigate('.', { replace: true, state: { email: address, resent: true } satisfies CheckEmailState });
    } catch (error) {
      errors.show(errorsFromApi(error, FIELDS, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  const onAsk = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const message = checkEmail(email, t);
    if (message) {
      errors.show({ fields: { email: message }, form: null });
      return;
    }
    void send(email.trim());
  };

  if (!sentTo) {
    return (
      <div className="narrow">
        <ErrorSummary errors={errors.summary} version={errors.version} />
        <h1>{t('verify.newLink')}</h1>
        <p>{t('checkEmail.askIntro')}</p>
        <form noValidate onSubmit={onAsk}>
          <TextField
            id="email"
            label={t('fields.email')}
            error={errors.fields.email}
            type="email"
            autoComplete="email"
            spellCheck={false}
            autoCapitalize="none"
            value={email}
            onChange={setEmail}
          />
          <button type="submit" className="button" aria-disabled={busy}>
            {t('checkEmail.askSubmit')}
          </button>
        </form>
      </div>
    );
  }

  return (
    <div className="narrow">
      <ErrorSummary errors={errors.summary} version={errors.version} />
      {state.resent && !errors.hasErrors ? <SuccessNotice>{t('checkEmail.resent')}</SuccessNotice> : null}
      <h1>{t('checkEmail.title')}</h1>
      <p className="lead">{t('checkEmail.sentTo', { email: sentTo })}</p>
      <p>{t('checkEmail.open')}</p>
      <h2>{t('checkEmail.notArrivedHeading')}</h2>
      <p>{t('checkEmail.notArrived')}</p>
      <button type="button" className="button button--secondary" onClick={() => void send(sentTo)} aria-disabled={busy}>
        {t('checkEmail.resend')}
      </button>
      <h2>{t('checkEmail.wrongEmail')}</h2>
      <p>
        <Link to="/sign-up">{t('checkEmail.startAgain')}</Link>
      </p>
      <HelpWithoutAccount />
    </div>
  );
}
