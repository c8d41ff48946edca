import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { AccountLink } from '../features/accounts/account-link.component.tsx';
import { ArrivalReporter } from '../features/arrival/arrival-reporter.component.tsx';
import { HeaderHelpLink } from '../features/help/help-header.component.tsx';
import { InboxLink } from '../features/inbox/inbox-link.component.tsx';
import { LanguageSwitch } from '../features/language/language-switch.component.tsx';
import { HotlineLink, SpareHotline, useHotlineName } from '../features/meta/hotline.component.tsx';
import { useMeta } from '../features/meta/meta.context.tsx';
import { OfflineBanner } from '../features/offline/offline.component.tsx';
import { currentLocale } from '../i18n/i18n.ts';

/**
 * Every page, including offline, error and not-found pages, gets the same header and the same footer with
 * the hotline, so help is always in the same place (WCAG 3.2.6 Consistent Help).
 */
export function Layout({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const { meta } = useMeta();
  const ministry = meta ? meta.sendingState.ministry[currentLocale()] : t('app.serviceName');
  useFocusOnNavigation();

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="site-header__brand">
            <HomeIcon />
            <span>{ministry}</span>
          </Link>
          <div className="site-header__actions">
            <HeaderHelpLink />
            <InboxLink />
            <AccountLink />
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <OfflineBanner />
      <ArrivalReporter />
      <main id="main" className="container main" tabIndex={-1}>
        {children ?? <Outlet />}
      </main>
      <Footer />
    </>
  );
}

function HomeIcon() {
  return (
    <svg className="site-header__logo" viewBox="0 0 64 64" width="32" height="32" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#fff" />
      <path d="M32 12 10 31h6v21h12V40h8v12h12V31h6z" fill="#12355b" />
    </svg>
  );
}

function Footer() {
  const { t } = useTranslation();
  const hotlineName = useHotlineName();
  return (
    <footer className="site-footer">
      <div className="container">
        <h2 className="site-footer__heading">{t('hotline.short')}</h2>
        <p className="site-footer__name">{hotlineName}</p>
        <p>{t('hotline.footerLead')}</p>
        <HotlineLink />
        <SpareHotline />
        <div className="site-footer__language">
          <span>{t('language.labelWithColon')}</span>
          <LanguageSwitch />
        </div>
      </div>
    </footer>
  );
}

/**
 * A single-page app does not move focus when the route changes; we put it on the new page's h1 so keyboard
 * and screen-reader users start reading the new page, as they would after a full page load.
 */
function useFocusOnNavigation(): void {
  const location = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each navigation, keyed by the path.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Lazy pages render a moment later; wait a frame for their h1.
    const id = requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>('main h1');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    });
    return () => cancelAnimationFrame(id);
  }, [location.pathname]);
}
