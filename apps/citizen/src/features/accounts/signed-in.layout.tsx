import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadFailed } from '../offline/offline.component.tsx';
import { useSession } from './session.context.tsx';

/** The account area: signed-out visitors are sent to sign in and brought back to the page they asked for. */
export function SignedInLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const { session, refresh } = useSession();
  // Until the server says who this is (or while it cannot be reached) the page still has its heading.
  if (session.status === 'loading') {
    return (
      <>
        <h1>{t('account.title')}</h1>
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      </>
    );
  }
  if (session.status === 'unknown') {
    return (
      <>
        <h1>{t('account.title')}</h1>
        <LoadFailed onRetry={() => void refresh()} />
      </>
    );
  }
  if (session.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
