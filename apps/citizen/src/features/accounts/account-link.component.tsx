import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSession } from './session.context.tsx';

/**
 * The header's account entry: "Sign in" or "Your account". Small on purpose: on Home the help button and the
 * hotline stay the first and largest things, and help never needs an account.
 */
export function AccountLink() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { session } = useSession();
  // Until the server answers (or when it cannot be reached) there is nothing true to show.
  if (session.status === 'loading' || session.status === 'unknown') return null;
  const signedIn = session.status === 'signed-in';
  const to = signedIn ? '/account' : '/sign-in';
  const current = signedIn ? pathname.startsWith('/account') : pathname === '/sign-in';
  return (
    <nav aria-label={t('nav.label')} className="account-nav">
      <Link to={to} className="account-nav__link" aria-current={current ? 'page' : undefined}>
        <PersonIcon />
        <span>{signedIn ? t('nav.account') : t('nav.signIn')}</span>
      </Link>
    </nav>
  );
}

function PersonIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zm0 2c-4.4 0-9 2.2-9 5.5V22h18v-2.5c0-3.3-4.6-5.5-9-5.5z"
      />
    </svg>
  );
}
