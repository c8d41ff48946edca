import { problemTitle } from '@homeward/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import { fetchMe, signIn } from './auth.api.ts';
import { ErrorSummary, type SummaryError } from './error-summary.component.tsx';

type FieldErrors = Partial<Record<'email' | 'password', string>>;

// Same rule as the server's `format: 'email'` in spirit: something@something.tld, no spaces.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Staff sign-in. Paste is allowed and the browser's password manager is invited (WCAG 3.3.8). */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
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

  // Someone already signed in goes straight to their work.
  useEffect(() => {
    const controller = new AbortController();
    fetchMe(controller.signal).then(
      () => navigate('/home', { replace: true }),
      () => {},
    );
    return () => controller.abort();
  }, [navigate]);

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
      await signIn({ email: email.trim(), password });
      navigate('/home');
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
    } finally {
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
