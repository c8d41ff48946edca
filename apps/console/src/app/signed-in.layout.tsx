import type { Mission, SessionUser } from '@homeward/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { fetchMe, signOut } from '../features/auth/auth.api.ts';
import { SessionContext } from '../features/auth/session.context.tsx';
import { CaseAlerts } from '../features/cases/case-alerts.component.tsx';
import { LanguageSwitch } from '../features/language/language-switch.component.tsx';
import { ShortcutsSetting } from '../features/settings/shortcuts-setting.component.tsx';
import { currentLocale } from '../i18n/i18n.ts';
import { getJson, SESSION_ENDED } from '../lib/api.client.ts';
import { CONSOLE_PAGES, landingPath, pagesFor } from './access.ts';

/** Staff pages: known user or back to sign-in. Nothing is shown until /auth/me answers, to avoid a flash. */
export function SignedInLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [user, setUser] = useState<SessionUser | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchMe(controller.signal).then(
      ({ user }) => setUser(user),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // 401 and any other failure: the sign-in page explains what to do next.
        void error;
        navigate('/', { replace: true });
      },
    );
    return () => controller.abort();
  }, [navigate]);

  useEffect(() => {
    const onEnded = () => navigate('/', { replace: true });
    window.addEventListener(SESSION_ENDED, onEnded);
    return () => window.removeEventListener(SESSION_ENDED, onEnded);
  }, [navigate]);

  const onSignOut = async () => {
    try {
      await signOut();
    } finally {
      navigate('/', { replace: true });
    }
  };

  if (!user) {
    return (
      <p className="container loading" role="status">
        {t('app.loading')}
      </p>
    );
  }

  return (
    <SessionContext.Provider value={user}>
      <a className="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <header className="top-bar">
        <div className="container top-bar__inner">
          <Link to={landingPath(user.role)} className="top-bar__name">
            {t('app.name')}
          </Link>
          <div className="top-bar__actions">
            <LanguageSwitch />
            <button type="button" className="top-bar__button" onClick={onSignOut}>
              {t('app.signOut')}
            </button>
          </div>
          <div className="top-bar__user">
            <span className="top-bar__display-name">{user.displayName}</span>
            <span className="top-bar__role">{t(`roles.${user.role}`)}</span>
            <UserMissions codes={user.missions} />
          </div>
        </div>
        <nav className="container nav" aria-label={t('app.navLabel')}>
          {pagesFor(user.role).map((page) => (
            <NavLink key={page} to={CONSOLE_PAGES[page].path} className="nav__link">
              {t(CONSOLE_PAGES[page].label)}
            </NavLink>
          ))}
        </nav>
      </header>
      <main id="main" className="container main" tabIndex={-1}>
        <Outlet />
      </main>
      <CaseAlerts />
      <footer className="footer">
        <div className="container">
          <ShortcutsSetting />
        </div>
      </footer>
    </SessionContext.Provider>
  );
}

/** The missions the user is scoped to, by name; none means every mission. */
function UserMissions({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [missions, setMissions] = useState<Mission[]>([]);
  const key = codes.join(',');
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    Promise.all(
      key.split(',').map((code) => getJson<Mission>(`/api/v1/missions/${encodeURIComponent(code)}`, controller.signal)),
    )
      .then(setMissions)
      .catch(() => {});
    return () => controller.abort();
  }, [key]);

  if (codes.length === 0) return <span className="top-bar__missions">{t('app.allMissions')}</span>;
  const names = codes.map((code) => missions.find((m) => m.code === code)?.name[locale] ?? code);
  return <span className="top-bar__missions">{names.join(locale === 'zh-CN' ? '、' : ', ')}</span>;
}
