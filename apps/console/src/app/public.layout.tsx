import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LanguageSwitch } from '../features/language/language-switch.component.tsx';

/** Pages before sign-in: the service name and the language switch, nothing that needs a session. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <header className="top-bar">
        <div className="container top-bar__inner">
          <span className="top-bar__name">{t('app.name')}</span>
          <div className="top-bar__actions">
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" className="container main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
