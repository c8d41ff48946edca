import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadFailed } from '../offline/offline.component.tsx';
import { useSession } from './session.context.tsx';

/** The account area: signed-out visitors are sent to sign in and brought back to the page they asked for. */
export function SignedInLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const { session, refresh } = useSession();
  if (session.status === 'loading') {
    return (
      <p role="status" className="hint">
        {t('common.loading')}
      </p>
    );
  }
  if (session.status === 'unknown') return <LoadFailed onRetry={() => void refresh()} />;
  if (session.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
