import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSession } from '../accounts/session.context.tsx';
import { useInboxStream } from './use-inbox-stream.hook.ts';

/** The header's inbox entry for a signed-in person, with the live unread count. */
export function InboxLink() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { session } = useSession();
  const signedIn = session.status === 'signed-in';
  const inbox = useInboxStream(signedIn);
  if (!signedIn) return null;
  const unread = inbox?.unread ?? 0;
  return (
    <Link
      to="/inbox"
      className="account-nav__link inbox-link"
      aria-current={pathname === '/inbox' ? 'page' : undefined}
    >
      <BellIcon />
      <span>{t('inbox.link')}</span>
      {unread > 0 ? (
        <>
          {' '}
          <span className="inbox-link__count">{unread > 99 ? '99+' : unread}</span>
          <span className="visually-hidden"> {t('inbox.unreadHidden')}</span>
        </>
      ) : null}
    </Link>
  );
}

function BellIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"
      />
    </svg>
  );
}
