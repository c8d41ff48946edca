import './help-header.css';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

/**
 * "I need help" in the header of every page: red, with a text label, two taps from anywhere to the hotline
 * and the help request (UX: emergency first). Marked as the current page on the help pages.
 */
export function HeaderHelpLink() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const here = pathname === '/help' || pathname.startsWith('/help/');
  return (
    <Link to="/help" className="header-help" aria-current={here ? 'page' : undefined}>
      {t('help.header.needHelp')}
    </Link>
  );
}
