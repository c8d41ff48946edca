import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { signOut } from './accounts.api.ts';
import { ErrorSummary, errorsFromApi, SuccessNotice, useFormErrors } from './form.components.tsx';
import { useSession } from './session.context.tsx';
import type { SignInNotice } from './sign-in.page.tsx';

export interface AccountNotice {
  notice?: 'verified' | 'passwordChanged';
}

const ORDER: readonly string[] = [];

const SECTIONS = [
  { to: '/registration', title: 'registration.accountLink', hint: 'registration.accountLinkHint' },
  { to: '/organisations', title: 'organisation.accountLink', hint: 'organisation.accountLinkHint' },
  { to: '/wallet', title: 'certificates.wallet.accountLink', hint: 'certificates.wallet.accountLinkHint' },
  { to: '/campaigns', title: 'campaigns.accountLink', hint: 'campaigns.accountLinkHint' },
  { to: '/account/profile', title: 'account.profile', hint: 'account.profileHint' },
  { to: '/account/password', title: 'account.password', hint: 'account.passwordHint' },
  { to: '/account/security', title: 'account.security', hint: 'account.securityHint' },
  { to: '/account/privacy', title: 'account.privacy', hint: 'account.privacyHint' },
  { to: '/account/location', title: 'arrival.accountLink', hint: 'arrival.accountLinkHint' },
] as const;

/** The account area's start: who is signed in, one link per task, and signing out. */
export function AccountPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { session } = useSession();
  const notice = (useLocation().state as AccountNotice | null)?.notice;
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(ORDER);
  useDocumentTitle(t('account.title'), errors.hasErrors);
  if (session.status !== 'signed-in') return null;

  const onSignOut = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await signOut();
      navigate('/sign-in', { replace: true, state: { notice: 'signedOut' } satisfies SignInNotice });
    } catch (error) {
      errors.show(errorsFromApi(error, {}, t('errors.network')));
      setBusy(false);
    }
  };

  return (
    <>
      {notice === 'verified' ? <SuccessNotice>{t('verify.done')}</SuccessNotice> : null}
      {notice === 'passwordChanged' ? <SuccessNotice>{t('password.changed')}</SuccessNotice> : null}
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{t('account.title')}</h1>
      <p>
        <strong>{session.user.displayName}</strong>
        <br />
        <span className="hint">{t('account.signedInAs', { email: session.user.email })}</span>
      </p>
      <ul className="service-list service-list--stacked">
        {SECTIONS.map((section) => (
          <li key={section.to}>
            <Link to={section.to} className="service-link">
              <span className="service-link__title">{t(section.title)}</span>
              <span className="service-link__hint">{t(section.hint)}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="section-gap">
        <button type="button" className="button button--secondary" onClick={onSignOut} aria-disabled={busy}>
          {t('account.signOut')}
        </button>
      </p>
    </>
  );
}
