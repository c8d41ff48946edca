import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { useSessionUser } from '../features/auth/session.context.tsx';
import { type ConsolePage, canOpen, landingPath } from './access.ts';
import { useDocumentTitle } from './use-document-title.hook.ts';

/** A page a role may not use says so plainly instead of showing an empty table of 403s. */
export function RoleGate({ page }: { page: ConsolePage }) {
  const user = useSessionUser();
  if (canOpen(user.role, page)) return <Outlet />;
  return <NoAccess home={landingPath(user.role)} />;
}

function NoAccess({ home }: { home: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('noAccess.title'));
  return (
    <>
      <h1>{t('noAccess.title')}</h1>
      <p>{t('noAccess.text')}</p>
      <p>
        <Link to={home}>{t('noAccess.home')}</Link>
      </p>
    </>
  );
}
