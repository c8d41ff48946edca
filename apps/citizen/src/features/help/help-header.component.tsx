import './help-header.css';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

/**
 * "I need help" in the header of every page but Home (where the large button is the first thing): red, with a
 * text label, two taps from anywhere to the hotline and the help request. Marked as current on the help pages.
 */
export function HeaderHelpLink() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  if (pathname === '/') return null;
  const here = pathname === '/help' || pathname.startsWith('/help/');
  return (
    <Link to="/help" className="header-help" aria-current={here ? 'page' : undefined}>
      {t('help.header.needHelp')}
    </Link>
  );
}
