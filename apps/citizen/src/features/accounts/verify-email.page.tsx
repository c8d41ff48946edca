import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { ApiError } from '../../lib/api.client.ts';
import { verifyEmail } from './accounts.api.ts';
import { ErrorSummary, errorsFromApi, useFormErrors } from './form.components.tsx';
import { useSession } from './session.context.tsx';

const ORDER: readonly string[] = [];

/**
 * The link in the verification mail. Confirming takes one tap rather than happening on load, because mail
 * scanners open links (some run scripts) and would otherwise use up the single-use token.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { setUser } = useSession();
  const [busy, setBusy] = useState(false);
  const [expired, setExpired] = useState(false);
  const errors = useFormErrors(ORDER);
  useDocumentTitle(t('verify.title'), errors.hasErrors);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const { user } = await verifyEmail(token);
      setUser(user);
      navigate('/account', { replace: true, state: { notice: 'verified' } });
    } catch (error) {
      setExpired(error instanceof ApiError && error.problem?.code === 'link_invalid');
      errors.show(errorsFromApi(error, {}, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{t('verify.title')}</h1>
      {token ? (
        <>
          <p>{t('verify.intro')}</p>
          {expired ? null : (
            <form noValidate onSubmit={onSubmit}>
              <button type="submit" className="button" aria-disabled={busy}>
                {t('verify.submit')}
              </button>
            </form>
          )}
        </>
      ) : (
        <p>{t('verify.incomplete')}</p>
      )}
      {!token || expired ? (
        <p>
          <Link to="/sign-up/check-email">{t('verify.newLink')}</Link>
        </p>
      ) : null}
    </div>
  );
}
